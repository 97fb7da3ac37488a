package dev.oddscache.cache;

import dev.oddscache.internal.Durations;
import java.util.Objects;

/**
 * When the backend counts as under pressure, so that the protection floors hold a value whose
 * prices moved instead of reloading it. Immutable; build with {@link #custom()}.
 *
 * <p>Three readings, any of which is pressure: the bulkhead's occupancy (loads in flight over
 * {@link OddsCacheConfig#maxConcurrentLoads()}, or a load waiting for a permit); the latency of
 * recent loads against their own slower baseline, as Netflix concurrency-limits' Gradient
 * reads queueing from latency; and, if configured, a budget of loads per second.
 */
public final class PressureConfig {
  public static final double DEFAULT_OCCUPANCY = 0.5;
  public static final double DEFAULT_LATENCY_RATIO = 2.0;
  /** Loads completed before the latency reading counts: a baseline of fewer means nothing. */
  public static final int DEFAULT_MIN_LATENCY_SAMPLES = 20;

  private static final PressureConfig DEFAULTS = custom().build();

  private final double occupancy;
  private final double latencyRatio;
  private final int minLatencySamples;
  private final double loadBudgetPerSecond;

  private PressureConfig(Builder b) {
    this.occupancy = b.occupancy;
    this.latencyRatio = b.latencyRatio;
    this.minLatencySamples = b.minLatencySamples;
    this.loadBudgetPerSecond = b.loadBudgetPerSecond;
  }

  public static PressureConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  public static Builder from(PressureConfig base) {
    Objects.requireNonNull(base, "base");
    return new Builder().occupancy(base.occupancy).latencyRatio(base.latencyRatio)
        .minLatencySamples(base.minLatencySamples).loadBudgetPerSecond(base.loadBudgetPerSecond);
  }

  /** Loads in flight, as a fraction of the bulkhead, from which the backend is under pressure. */
  public double occupancy() {
    return occupancy;
  }

  /**
   * Recent load latency over its baseline from which the backend is under pressure: the short
   * average (about the last 10 loads) over the long one (about the last 200).
   */
  public double latencyRatio() {
    return latencyRatio;
  }

  public int minLatencySamples() {
    return minLatencySamples;
  }

  /** Loads started per second from which the backend is under pressure; 0 for no budget. */
  public double loadBudgetPerSecond() {
    return loadBudgetPerSecond;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PressureConfig other
        && Double.compare(occupancy, other.occupancy) == 0
        && Double.compare(latencyRatio, other.latencyRatio) == 0
        && minLatencySamples == other.minLatencySamples
        && Double.compare(loadBudgetPerSecond, other.loadBudgetPerSecond) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(occupancy, latencyRatio, minLatencySamples, loadBudgetPerSecond);
  }

  @Override
  public String toString() {
    return "PressureConfig{occupancy=" + occupancy + ", latencyRatio=" + latencyRatio
        + ", minLatencySamples=" + minLatencySamples + ", loadBudgetPerSecond="
        + loadBudgetPerSecond + '}';
  }

  /** Not thread-safe. */
  public static final class Builder {
    private double occupancy = DEFAULT_OCCUPANCY;
    private double latencyRatio = DEFAULT_LATENCY_RATIO;
    private int minLatencySamples = DEFAULT_MIN_LATENCY_SAMPLES;
    private double loadBudgetPerSecond;

    private Builder() {}

    /** @throws IllegalArgumentException unless {@code value} is in (0, 1] */
    public Builder occupancy(double value) {
      if (!(value > 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException("pressure.occupancy must be in (0, 1], got " + value);
      }
      this.occupancy = value;
      return this;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and > 1 */
    public Builder latencyRatio(double value) {
      if (!(value > 1.0 && Double.isFinite(value))) {
        throw new IllegalArgumentException(
            "pressure.latencyRatio must be a finite number > 1, got " + value);
      }
      this.latencyRatio = value;
      return this;
    }

    /** @throws IllegalArgumentException if {@code value} is below 1 */
    public Builder minLatencySamples(int value) {
      if (value < 1) {
        throw new IllegalArgumentException(
            "pressure.minLatencySamples must be >= 1, got " + value);
      }
      this.minLatencySamples = value;
      return this;
    }

    /** @throws IllegalArgumentException unless {@code value} is finite and >= 0 */
    public Builder loadBudgetPerSecond(double value) {
      Durations.inRange("pressure.loadBudgetPerSecond", value, 0.0, Double.MAX_VALUE);
      this.loadBudgetPerSecond = value;
      return this;
    }

    public PressureConfig build() {
      return new PressureConfig(this);
    }
  }
}
