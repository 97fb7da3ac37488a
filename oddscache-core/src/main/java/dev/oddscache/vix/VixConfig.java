package dev.oddscache.vix;

import dev.oddscache.internal.Durations;
import dev.oddscache.internal.MatchCap;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link VixDetector}. Immutable and thread-safe; start from {@link #ofDefaults()},
 * {@link #custom()} or {@link #from(VixConfig)}.
 *
 * <p>Every setter of the {@link Builder} rejects a bad value at once with an {@link
 * IllegalArgumentException} naming the field and the value; {@link Builder#build()} checks the
 * rules that span fields.
 */
public final class VixConfig {
  /** Weight of the newest squared log-return in the EWMA variance. */
  public static final double DEFAULT_ALPHA = 0.05;
  /** Floor of σ, so a selection that has barely moved does not turn a tiny move into a panic. */
  public static final double DEFAULT_SIGMA_MIN = 0.01;
  /** Ticks per selection, counting its first, that only train σ. */
  public static final int DEFAULT_WARMUP_TICKS = 20;
  /** Absolute log-return that is PANIC even during warm-up: about a 10% price move. */
  public static final double DEFAULT_JUMP_THRESHOLD = 0.10;
  /** z-score at or above which a tick is PANIC. */
  public static final double DEFAULT_PANIC_SIGMA = 2.0;
  /** z-score at or above which a tick is WARNING. */
  public static final double DEFAULT_WARNING_SIGMA = 1.5;
  /** How long a PANIC or WARNING tick keeps its market in that status. */
  public static final Duration DEFAULT_HOLD = Duration.ofSeconds(60);
  /**
   * Matches the detector keeps state for. A bookmaker covering fifty leagues prices about 15,000
   * matches a season, and the server drops a match six hours after its last tick, so a real feed
   * holds a few thousand at once; 20,000 leaves room for a season and bounds what a feed of
   * made-up match ids can cost (a few kilobytes per match with its markets).
   */
  public static final int DEFAULT_MAX_MATCHES = 20_000;
  /**
   * How far ahead of the detector's clock a tick may be dated. A tick from the future would hold
   * its market's status until then and make every real tick "older than the last tick"; five
   * minutes absorbs clock differences between a feed and this process.
   */
  public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  private static final VixConfig DEFAULTS = custom().build();

  private final double alpha;
  private final double sigmaMin;
  private final int warmupTicks;
  private final double jumpThreshold;
  private final double panicSigma;
  private final double warningSigma;
  private final Duration hold;
  private final long holdMillis;
  private final DriftConfig drift;
  private final int maxMatches;
  private final Duration maxFutureSkew;

  private VixConfig(Builder b) {
    this.alpha = b.alpha;
    this.sigmaMin = b.sigmaMin;
    this.warmupTicks = b.warmupTicks;
    this.jumpThreshold = b.jumpThreshold;
    this.panicSigma = b.panicSigma;
    this.warningSigma = b.warningSigma;
    this.hold = b.hold;
    this.drift = b.drift;
    this.maxMatches = b.maxMatches;
    this.maxFutureSkew = b.maxFutureSkew;
    // Durations beyond ~292 million years saturate rather than overflow.
    this.holdMillis =
        hold.compareTo(Duration.ofMillis(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : hold.toMillis();
  }

  /** Every setting at its {@code DEFAULT_*} value. */
  public static VixConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder holding the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder holding the settings of {@code base}. */
  public static Builder from(VixConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder()
        .alpha(base.alpha)
        .sigmaMin(base.sigmaMin)
        .warmupTicks(base.warmupTicks)
        .jumpThreshold(base.jumpThreshold)
        .panicSigma(base.panicSigma)
        .warningSigma(base.warningSigma)
        .hold(base.hold)
        .drift(base.drift)
        .maxMatches(base.maxMatches)
        .maxFutureSkew(base.maxFutureSkew);
  }

  /** EWMA weight α in (0, 1]: {@code σ²_new = (1 − α)·σ²_prev + α·r²}. */
  public double alpha() {
    return alpha;
  }

  /** Lower bound of σ in the z-score denominator, in log-return units. */
  public double sigmaMin() {
    return sigmaMin;
  }

  /** Number of ticks per selection, counting its first, that only train σ. */
  public int warmupTicks() {
    return warmupTicks;
  }

  /** Absolute log-return |r| at or above which a warm-up tick is PANIC. */
  public double jumpThreshold() {
    return jumpThreshold;
  }

  /**
   * z-score at or above which a tick is PANIC. The default 2.0 is the "sigma=2.0" of the original
   * Python system this project was derived from, which called it the 99.7th percentile; it is not.
   * For normally distributed returns |z| ≥ 2 has a probability of about 4.6%, so 2σ sits near the
   * 95th percentile of |z|; 99.7% is 3σ. We keep 2.0 as the default and only correct its
   * description. Real odds returns are rarely normal, so treat the percentile as an order of
   * magnitude, not a false-alarm rate.
   */
  public double panicSigma() {
    return panicSigma;
  }

  /** z-score at or above which a tick is WARNING; never above {@link #panicSigma()}. */
  public double warningSigma() {
    return warningSigma;
  }

  /** How long a PANIC or WARNING tick keeps its market (and match) in that status. */
  public Duration hold() {
    return hold;
  }

  long holdMillis() {
    return holdMillis;
  }

  /** The drift epochs' threshold and tracking timeout. */
  public DriftConfig drift() {
    return drift;
  }

  /**
   * The most matches the detector keeps state for; beyond, it drops calm matches before
   * panicking ones, the least recently ticked or asked for first.
   */
  public int maxMatches() {
    return maxMatches;
  }

  /** How far ahead of the detector's clock a tick may be dated; later ones are rejected. */
  public Duration maxFutureSkew() {
    return maxFutureSkew;
  }

  /** Equal when every setting is equal, so configs read from files compare by value. */
  @Override
  public boolean equals(Object o) {
    return o instanceof VixConfig other
        && Double.compare(alpha, other.alpha) == 0
        && Double.compare(sigmaMin, other.sigmaMin) == 0
        && warmupTicks == other.warmupTicks
        && Double.compare(jumpThreshold, other.jumpThreshold) == 0
        && Double.compare(panicSigma, other.panicSigma) == 0
        && Double.compare(warningSigma, other.warningSigma) == 0
        && hold.equals(other.hold)
        && drift.equals(other.drift)
        && maxMatches == other.maxMatches
        && maxFutureSkew.equals(other.maxFutureSkew);
  }

  @Override
  public int hashCode() {
    return Objects.hash(alpha, sigmaMin, warmupTicks, jumpThreshold, panicSigma, warningSigma,
        hold, drift, maxMatches, maxFutureSkew);
  }

  @Override
  public String toString() {
    return "VixConfig{alpha=" + alpha + ", sigmaMin=" + sigmaMin + ", warmupTicks=" + warmupTicks
        + ", jumpThreshold=" + jumpThreshold + ", panicSigma=" + panicSigma + ", warningSigma="
        + warningSigma + ", hold=" + hold + ", drift=" + drift + ", maxMatches=" + maxMatches
        + ", maxFutureSkew=" + maxFutureSkew + '}';
  }

  /** Collects settings for a {@link VixConfig}. Not thread-safe. */
  public static final class Builder {
    private double alpha = DEFAULT_ALPHA;
    private double sigmaMin = DEFAULT_SIGMA_MIN;
    private int warmupTicks = DEFAULT_WARMUP_TICKS;
    private double jumpThreshold = DEFAULT_JUMP_THRESHOLD;
    private double panicSigma = DEFAULT_PANIC_SIGMA;
    private double warningSigma = DEFAULT_WARNING_SIGMA;
    private Duration hold = DEFAULT_HOLD;
    private DriftConfig drift = DriftConfig.ofDefaults();
    private int maxMatches = DEFAULT_MAX_MATCHES;
    private Duration maxFutureSkew = DEFAULT_MAX_FUTURE_SKEW;

    private Builder() {}

    /** @throws IllegalArgumentException if {@code value} is below 1 */
    public Builder maxMatches(int value) {
      this.maxMatches = MatchCap.atLeastOne("maxMatches", value);
      return this;
    }

    /**
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Builder maxFutureSkew(Duration value) {
      this.maxFutureSkew = Durations.nonNegative("maxFutureSkew", value);
      return this;
    }

    public Builder drift(DriftConfig value) {
      this.drift = Objects.requireNonNull(value, "drift");
      return this;
    }

    /** @throws IllegalArgumentException unless {@code value} is in (0, 1] */
    public Builder alpha(double value) {
      if (!(value > 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException("alpha must be in (0, 1], got " + value);
      }
      this.alpha = value;
      return this;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and > 0 */
    public Builder sigmaMin(double value) {
      this.sigmaMin = Durations.positiveFinite("sigmaMin", value);
      return this;
    }

    /** @throws IllegalArgumentException if {@code value} is negative */
    public Builder warmupTicks(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("warmupTicks must be >= 0, got " + value);
      }
      this.warmupTicks = value;
      return this;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and > 0 */
    public Builder jumpThreshold(double value) {
      this.jumpThreshold = Durations.positiveFinite("jumpThreshold", value);
      return this;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and > 0 */
    public Builder panicSigma(double value) {
      this.panicSigma = Durations.positiveFinite("panicSigma", value);
      return this;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and > 0 */
    public Builder warningSigma(double value) {
      this.warningSigma = Durations.positiveFinite("warningSigma", value);
      return this;
    }

    /**
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is shorter than one millisecond, the
     *     resolution of tick timestamps
     */
    public Builder hold(Duration value) {
      Durations.positive("hold", value);
      if (value.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("hold must be at least 1 ms, got " + value);
      }
      this.hold = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException if warningSigma is above panicSigma, which would make
     *     WARNING unreachable
     */
    public VixConfig build() {
      if (warningSigma > panicSigma) {
        throw new IllegalArgumentException("warningSigma must be <= panicSigma, got warningSigma="
            + warningSigma + " > panicSigma=" + panicSigma);
      }
      return new VixConfig(this);
    }

  }
}
