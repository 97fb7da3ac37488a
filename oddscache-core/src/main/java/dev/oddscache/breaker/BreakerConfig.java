package dev.oddscache.breaker;

import dev.oddscache.internal.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the {@link PanicBreaker}. Immutable and thread-safe; build with {@link #custom()} or
 * {@link #from(BreakerConfig)}.
 *
 * <p>Ratios are fractions of requests in [0, 1]. The hysteresis table they define:
 *
 * <ul>
 *   <li>NORMAL → HIGH_VOLATILITY when ratio ≥ {@link #enterHighVolatility()};
 *   <li>HIGH_VOLATILITY → NORMAL when ratio &lt; {@link #exitHighVolatility()};
 *   <li>HIGH_VOLATILITY → CIRCUIT_OPEN when ratio ≥ {@link #openCircuit()};
 *   <li>CIRCUIT_OPEN → HIGH_VOLATILITY when ratio &lt; {@link #closeCircuit()}.
 * </ul>
 */
public final class BreakerConfig {
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(30);
  public static final int DEFAULT_MIN_SAMPLES = 30;
  public static final double DEFAULT_ENTER_HIGH_VOLATILITY = 0.50;
  public static final double DEFAULT_EXIT_HIGH_VOLATILITY = 0.30;
  public static final double DEFAULT_OPEN_CIRCUIT = 0.80;
  public static final double DEFAULT_CLOSE_CIRCUIT = 0.60;

  /** The window is made of one-second buckets, so it is evaluated at most once a second. */
  public static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(1);

  private static final BreakerConfig DEFAULTS = custom().build();

  private final Duration window;
  private final int minSamples;
  private final double enterHighVolatility;
  private final double exitHighVolatility;
  private final double openCircuit;
  private final double closeCircuit;
  private final BreakerFloors floors;

  private BreakerConfig(Builder b) {
    this.window = b.window;
    this.minSamples = b.minSamples;
    this.enterHighVolatility = b.enterHighVolatility;
    this.exitHighVolatility = b.exitHighVolatility;
    this.openCircuit = b.openCircuit;
    this.closeCircuit = b.closeCircuit;
    this.floors = b.floors;
  }

  /** Every setting at its {@code DEFAULT_*} value, with {@link BreakerFloors#ofDefaults()}. */
  public static BreakerConfig ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(BreakerConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder()
        .window(base.window)
        .minSamples(base.minSamples)
        .enterHighVolatility(base.enterHighVolatility)
        .exitHighVolatility(base.exitHighVolatility)
        .openCircuit(base.openCircuit)
        .closeCircuit(base.closeCircuit)
        .floors(base.floors);
  }

  /** Length of the rolling window, a whole number of seconds (default 30 min). */
  public Duration window() {
    return window;
  }

  /** {@link #window()} in seconds: the number of one-second buckets. */
  public long windowSeconds() {
    return window.getSeconds();
  }

  /** The window must hold at least this many samples before the mode may change (default 30). */
  public int minSamples() {
    return minSamples;
  }

  /** Panic ratio at or above which NORMAL becomes HIGH_VOLATILITY (default 0.50). */
  public double enterHighVolatility() {
    return enterHighVolatility;
  }

  /** Panic ratio below which HIGH_VOLATILITY becomes NORMAL (default 0.30). */
  public double exitHighVolatility() {
    return exitHighVolatility;
  }

  /** Panic ratio at or above which HIGH_VOLATILITY becomes CIRCUIT_OPEN (default 0.80). */
  public double openCircuit() {
    return openCircuit;
  }

  /** Panic ratio below which CIRCUIT_OPEN becomes HIGH_VOLATILITY (default 0.60). */
  public double closeCircuit() {
    return closeCircuit;
  }

  /** The TTL floors per mode and status (default {@link BreakerFloors#ofDefaults()}). */
  public BreakerFloors floors() {
    return floors;
  }

  /** Always {@link #EVALUATION_INTERVAL}: one evaluation per one-second bucket. */
  public Duration evaluationInterval() {
    return EVALUATION_INTERVAL;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BreakerConfig other
        && window.equals(other.window)
        && minSamples == other.minSamples
        && Double.compare(enterHighVolatility, other.enterHighVolatility) == 0
        && Double.compare(exitHighVolatility, other.exitHighVolatility) == 0
        && Double.compare(openCircuit, other.openCircuit) == 0
        && Double.compare(closeCircuit, other.closeCircuit) == 0
        && floors.equals(other.floors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(window, minSamples, enterHighVolatility, exitHighVolatility, openCircuit,
        closeCircuit, floors);
  }

  @Override
  public String toString() {
    return "BreakerConfig{window=" + window + ", minSamples=" + minSamples
        + ", enterHighVolatility=" + enterHighVolatility + ", exitHighVolatility="
        + exitHighVolatility + ", openCircuit=" + openCircuit + ", closeCircuit=" + closeCircuit
        + ", floors=" + floors + '}';
  }

  /** Each setter rejects a bad value at once, naming the field and the value. Not thread-safe. */
  public static final class Builder {
    private Duration window = DEFAULT_WINDOW;
    private int minSamples = DEFAULT_MIN_SAMPLES;
    private double enterHighVolatility = DEFAULT_ENTER_HIGH_VOLATILITY;
    private double exitHighVolatility = DEFAULT_EXIT_HIGH_VOLATILITY;
    private double openCircuit = DEFAULT_OPEN_CIRCUIT;
    private double closeCircuit = DEFAULT_CLOSE_CIRCUIT;
    private BreakerFloors floors = BreakerFloors.ofDefaults();

    private Builder() {}

    /**
     * @throws IllegalArgumentException if shorter than one second or not a whole number of
     *     seconds (buckets are one second wide)
     */
    public Builder window(Duration value) {
      Durations.positive("window", value);
      if (value.getNano() != 0 || value.getSeconds() < 1) {
        throw new IllegalArgumentException(
            "window must be a whole number of seconds >= 1s, got " + value);
      }
      this.window = value;
      return this;
    }

    /** @throws IllegalArgumentException if {@code value} &lt; 1 */
    public Builder minSamples(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("minSamples must be >= 1, got " + value);
      }
      this.minSamples = value;
      return this;
    }

    /** @throws IllegalArgumentException if not in [0, 1] */
    public Builder enterHighVolatility(double value) {
      this.enterHighVolatility = Durations.inRange("enterHighVolatility", value, 0, 1);
      return this;
    }

    /** @throws IllegalArgumentException if not in [0, 1] */
    public Builder exitHighVolatility(double value) {
      this.exitHighVolatility = Durations.inRange("exitHighVolatility", value, 0, 1);
      return this;
    }

    /** @throws IllegalArgumentException if not in [0, 1] */
    public Builder openCircuit(double value) {
      this.openCircuit = Durations.inRange("openCircuit", value, 0, 1);
      return this;
    }

    /** @throws IllegalArgumentException if not in [0, 1] */
    public Builder closeCircuit(double value) {
      this.closeCircuit = Durations.inRange("closeCircuit", value, 0, 1);
      return this;
    }

    public Builder floors(BreakerFloors value) {
      this.floors = Objects.requireNonNull(value, "floors");
      return this;
    }

    /**
     * Checks that the thresholds form a hysteresis (so a single evaluation can never oscillate):
     * exitHighVolatility &lt; enterHighVolatility ≤ openCircuit and closeCircuit &lt; openCircuit.
     *
     * @throws IllegalArgumentException naming the conflicting fields and values
     */
    public BreakerConfig build() {
      if (!(exitHighVolatility < enterHighVolatility)) {
        throw new IllegalArgumentException("exitHighVolatility must be below "
            + "enterHighVolatility, got " + exitHighVolatility + " >= " + enterHighVolatility);
      }
      if (!(enterHighVolatility <= openCircuit)) {
        throw new IllegalArgumentException("enterHighVolatility must not exceed openCircuit, got "
            + enterHighVolatility + " > " + openCircuit);
      }
      if (!(closeCircuit < openCircuit)) {
        throw new IllegalArgumentException("closeCircuit must be below openCircuit, got "
            + closeCircuit + " >= " + openCircuit);
      }
      return new BreakerConfig(this);
    }
  }
}
