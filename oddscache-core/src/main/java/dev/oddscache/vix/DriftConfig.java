package dev.oddscache.vix;

import dev.oddscache.Markets;
import dev.oddscache.internal.Durations;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Settings of the drift epochs: how far a price may move before the answers computed from it
 * are stale, and how long a market without ticks still counts as watched. Immutable and
 * thread-safe; start from {@link #ofDefaults()}, {@link #custom()} or {@link #from(DriftConfig)}.
 *
 * <p><b>Families.</b> A threshold may be set per market family ({@link Markets#family}):
 * {@code over_under} covers {@code over_under_25} and {@code over_under_35}; a market of no
 * configured family uses {@link #threshold()}. Prices of long-odds markets move in larger steps,
 * so one threshold for every market would reload those markets on nearly every tick.
 */
public final class DriftConfig {
  /** Log-price move, about 2 %, that makes the answers of a market drifted. */
  public static final double DEFAULT_THRESHOLD = 0.02;
  /** How long after its last tick a market is still tracked. */
  public static final Duration DEFAULT_TRACKING_TIMEOUT = Duration.ofMinutes(10);

  private static final DriftConfig DEFAULTS = custom().build();

  private final double threshold;
  private final TreeMap<String, Double> families;
  private final Duration trackingTimeout;
  private final long trackingTimeoutMillis;

  private DriftConfig(Builder b) {
    this.threshold = b.threshold;
    this.families = new TreeMap<>(b.families);
    this.trackingTimeout = b.trackingTimeout;
    this.trackingTimeoutMillis = Durations.saturatedMillis(trackingTimeout);
  }

  public static DriftConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  public static Builder from(DriftConfig base) {
    Objects.requireNonNull(base, "base");
    Builder b = new Builder().threshold(base.threshold).trackingTimeout(base.trackingTimeout);
    b.families.putAll(base.families);
    return b;
  }

  /** The log-price move that advances a market's epoch, for markets of no configured family. */
  public double threshold() {
    return threshold;
  }

  /** Thresholds by market family, in family order. */
  public Map<String, Double> familyThresholds() {
    return Collections.unmodifiableSortedMap(families);
  }

  /** The threshold of the market {@code market}: its family's, else the default. */
  public double thresholdOf(String market) {
    return families.isEmpty() ? threshold
        : families.getOrDefault(Markets.family(market), threshold);
  }

  /** How long after its last tick a market still counts as tracked. */
  public Duration trackingTimeout() {
    return trackingTimeout;
  }

  long trackingTimeoutMillis() {
    return trackingTimeoutMillis;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DriftConfig other
        && Double.compare(threshold, other.threshold) == 0
        && families.equals(other.families)
        && trackingTimeout.equals(other.trackingTimeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(threshold, families, trackingTimeout);
  }

  @Override
  public String toString() {
    return "DriftConfig{threshold=" + threshold
        + (families.isEmpty() ? "" : ", families=" + families)
        + ", trackingTimeout=" + trackingTimeout + '}';
  }

  /** Collects settings for a {@link DriftConfig}. Not thread-safe. */
  public static final class Builder {
    private double threshold = DEFAULT_THRESHOLD;
    private final TreeMap<String, Double> families = new TreeMap<>();
    private Duration trackingTimeout = DEFAULT_TRACKING_TIMEOUT;

    private Builder() {}

    /** @throws IllegalArgumentException unless {@code value} is finite and > 0 */
    public Builder threshold(double value) {
      this.threshold = Durations.positiveFinite("driftThreshold", value);
      return this;
    }

    /**
     * The threshold of the markets of {@code family} (see {@link Markets#family}).
     *
     * @throws IllegalArgumentException if {@code family} is blank or {@code value} is not a
     *     finite number > 0
     */
    public Builder familyThreshold(String family, double value) {
      family = Markets.normalise(family);
      this.families.put(family, Durations.positiveFinite("driftThresholds." + family, value));
      return this;
    }

    /**
     * @throws IllegalArgumentException if {@code value} is shorter than one millisecond
     */
    public Builder trackingTimeout(Duration value) {
      Durations.positive("driftTrackingTimeout", value);
      if (value.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException(
            "driftTrackingTimeout must be at least 1 ms, got " + value);
      }
      this.trackingTimeout = value;
      return this;
    }

    public DriftConfig build() {
      return new DriftConfig(this);
    }

  }
}
