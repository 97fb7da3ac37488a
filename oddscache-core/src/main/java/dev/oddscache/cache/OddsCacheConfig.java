package dev.oddscache.cache;

import dev.oddscache.internal.Durations;
import dev.oddscache.stats.Quantiles;
import java.time.Duration;
import java.util.Objects;

/**
 * Read-path settings of {@link OddsCache}. Immutable; build with {@link #custom()}.
 */
public final class OddsCacheConfig {
  public static final int DEFAULT_MAX_CONCURRENT_LOADS = 64;
  public static final Duration DEFAULT_MAX_STALE_ON_OVERLOAD = Duration.ofSeconds(60);
  public static final Duration DEFAULT_LOAD_QUEUE_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_STALE_IF_ERROR = Duration.ofMinutes(5);
  /**
   * One request in a hundred: timing a request costs two precise clock reads, tens of
   * nanoseconds each on a virtual machine, which is more than the rest of a fresh hit; a
   * hundredth of the traffic of a cache worth having still gives steady quantiles. 1 times
   * every request.
   */
  public static final double DEFAULT_LATENCY_SAMPLE_RATE = 0.01;
  public static final Duration DEFAULT_LEASE_TIME = Duration.ofSeconds(5);
  public static final Duration DEFAULT_LEASE_WAIT = Duration.ofMillis(500);
  public static final Duration DEFAULT_LEASE_POLL_INTERVAL = Duration.ofMillis(20);
  public static final Quantiles DEFAULT_QUANTILES = Quantiles.HISTOGRAM;

  private static final OddsCacheConfig DEFAULTS = custom().build();

  private final boolean enabled;
  private final int maxConcurrentLoads;
  private final Duration maxStaleOnOverload;
  private final Duration loadQueueTimeout;
  private final Duration staleIfError;
  private final Duration staleWindow;
  private final double latencySampleRate;
  private final Quantiles quantiles;
  private final Duration leaseTime;
  private final Duration leaseWait;
  private final Duration leasePollInterval;
  private final Freshness freshness;
  private final PressureConfig pressure;

  private OddsCacheConfig(Builder b) {
    this.enabled = b.enabled;
    this.maxConcurrentLoads = b.maxConcurrentLoads;
    this.maxStaleOnOverload = b.maxStaleOnOverload;
    this.loadQueueTimeout = b.loadQueueTimeout;
    this.staleIfError = b.staleIfError;
    this.staleWindow = b.staleWindow;
    this.latencySampleRate = b.latencySampleRate;
    this.quantiles = b.quantiles;
    this.leaseTime = b.leaseTime;
    this.leaseWait = b.leaseWait;
    this.leasePollInterval = b.leasePollInterval;
    this.freshness = b.freshness;
    this.pressure = b.pressure;
  }

  public static OddsCacheConfig ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  public static Builder from(OddsCacheConfig base) {
    Objects.requireNonNull(base, "base");
    Builder b = new Builder()
        .enabled(base.enabled)
        .maxConcurrentLoads(base.maxConcurrentLoads)
        .maxStaleOnOverload(base.maxStaleOnOverload)
        .loadQueueTimeout(base.loadQueueTimeout)
        .staleIfError(base.staleIfError)
        .latencySampleRate(base.latencySampleRate)
        .quantiles(base.quantiles)
        .leaseTime(base.leaseTime)
        .leaseWait(base.leaseWait)
        .leasePollInterval(base.leasePollInterval)
        .freshness(base.freshness)
        .pressure(base.pressure);
    b.staleWindow = base.staleWindow;
    return b;
  }

  /** When false every request loads (still coalesced) and is counted as compute. */
  public boolean enabled() {
    return enabled;
  }

  /** The bulkhead: at most this many loads in flight in this process. */
  public int maxConcurrentLoads() {
    return maxConcurrentLoads;
  }

  /** When the bulkhead is full, a value at most this old is served instead of queueing. */
  public Duration maxStaleOnOverload() {
    return maxStaleOnOverload;
  }

  /** How long a load waits for a bulkhead permit before failing with {@link OverloadException}. */
  public Duration loadQueueTimeout() {
    return loadQueueTimeout;
  }

  /** A failed load is answered with a stored value younger than this, if one exists. */
  public Duration staleIfError() {
    return staleIfError;
  }

  /**
   * How long past its TTL a value may be served while it is refreshed in the background; null
   * means "the TTL itself, at least one second".
   */
  public Duration staleWindow() {
    return staleWindow;
  }

  /** The stale window for an effective TTL of {@code ttlMillis}. */
  public long staleWindowMillis(long ttlMillis) {
    return staleWindow != null ? staleWindow.toMillis() : Math.max(ttlMillis, 1000);
  }

  /** Fraction of requests whose latency is recorded, in [0, 1]; request counts stay exact. */
  public double latencySampleRate() {
    return latencySampleRate;
  }

  /**
   * How the request-duration and served-age meters give their quantiles; {@link
   * Quantiles#HISTOGRAM} by default: fixed buckets recorded without contention, exported as
   * Prometheus histograms that add up across a fleet (the dashboards and alerts read them with
   * {@code histogram_quantile}). {@link Quantiles#SUMMARY} publishes Micrometer's per-process
   * p50, p95 and p99 instead, at most of the cost of a fresh hit; {@link Quantiles#NONE} only
   * count, total and maximum. {@link dev.oddscache.stats.CacheStats} keeps its own latency
   * percentiles in every mode.
   */
  public Quantiles quantiles() {
    return quantiles;
  }

  /**
   * Whether any quantile is published: {@link #quantiles()} is not {@link Quantiles#NONE}.
   *
   * @deprecated use {@link #quantiles()}
   */
  @Deprecated
  public boolean percentiles() {
    return quantiles != Quantiles.NONE;
  }

  /** With a shared {@link LoadLease}: how long a lease holds before another process may load. */
  public Duration leaseTime() {
    return leaseTime;
  }

  /** How long a process that lost the lease waits for the winner's value before loading itself. */
  public Duration leaseWait() {
    return leaseWait;
  }

  /** How often that process looks for the winner's value in the store. */
  public Duration leasePollInterval() {
    return leasePollInterval;
  }

  /** Which rule judges a stored value's freshness; {@link Freshness#DRIFT} by default. */
  public Freshness freshness() {
    return freshness;
  }

  /** When the backend counts as under pressure (see {@link Freshness#DRIFT}). */
  public PressureConfig pressure() {
    return pressure;
  }

  /** Equal when every setting is equal, so configs read from files compare by value. */
  @Override
  public boolean equals(Object o) {
    return o instanceof OddsCacheConfig other
        && enabled == other.enabled
        && maxConcurrentLoads == other.maxConcurrentLoads
        && maxStaleOnOverload.equals(other.maxStaleOnOverload)
        && loadQueueTimeout.equals(other.loadQueueTimeout)
        && staleIfError.equals(other.staleIfError)
        && Objects.equals(staleWindow, other.staleWindow)
        && Double.compare(latencySampleRate, other.latencySampleRate) == 0
        && quantiles == other.quantiles
        && leaseTime.equals(other.leaseTime)
        && leaseWait.equals(other.leaseWait)
        && leasePollInterval.equals(other.leasePollInterval)
        && freshness == other.freshness
        && pressure.equals(other.pressure);
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, maxConcurrentLoads, maxStaleOnOverload, loadQueueTimeout,
        staleIfError, staleWindow, latencySampleRate, quantiles, leaseTime, leaseWait,
        leasePollInterval, freshness, pressure);
  }

  @Override
  public String toString() {
    return "OddsCacheConfig{enabled=" + enabled + ", maxConcurrentLoads=" + maxConcurrentLoads
        + ", maxStaleOnOverload=" + maxStaleOnOverload + ", loadQueueTimeout=" + loadQueueTimeout
        + ", staleIfError=" + staleIfError + ", staleWindow="
        + (staleWindow == null ? "ttl" : staleWindow) + ", latencySampleRate=" + latencySampleRate
        + ", quantiles=" + quantiles + ", leaseTime=" + leaseTime + ", leaseWait=" + leaseWait
        + ", freshness=" + freshness + ", pressure=" + pressure + '}';
  }

  /** Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private int maxConcurrentLoads = DEFAULT_MAX_CONCURRENT_LOADS;
    private Duration maxStaleOnOverload = DEFAULT_MAX_STALE_ON_OVERLOAD;
    private Duration loadQueueTimeout = DEFAULT_LOAD_QUEUE_TIMEOUT;
    private Duration staleIfError = DEFAULT_STALE_IF_ERROR;
    private Duration staleWindow;
    private double latencySampleRate = DEFAULT_LATENCY_SAMPLE_RATE;
    private Quantiles quantiles = DEFAULT_QUANTILES;
    private Duration leaseTime = DEFAULT_LEASE_TIME;
    private Duration leaseWait = DEFAULT_LEASE_WAIT;
    private Duration leasePollInterval = DEFAULT_LEASE_POLL_INTERVAL;
    private Freshness freshness = Freshness.DRIFT;
    private PressureConfig pressure = PressureConfig.ofDefaults();

    private Builder() {}

    public Builder freshness(Freshness value) {
      this.freshness = Objects.requireNonNull(value, "freshness");
      return this;
    }

    public Builder pressure(PressureConfig value) {
      this.pressure = Objects.requireNonNull(value, "pressure");
      return this;
    }

    public Builder leaseTime(Duration value) {
      this.leaseTime = Durations.positive("leaseTime", value);
      return this;
    }

    public Builder leaseWait(Duration value) {
      this.leaseWait = Durations.nonNegative("leaseWait", value);
      return this;
    }

    public Builder leasePollInterval(Duration value) {
      this.leasePollInterval = Durations.positive("leasePollInterval", value);
      return this;
    }

    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    public Builder maxConcurrentLoads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConcurrentLoads must be >= 1, got " + value);
      }
      this.maxConcurrentLoads = value;
      return this;
    }

    public Builder maxStaleOnOverload(Duration value) {
      this.maxStaleOnOverload = Durations.nonNegative("maxStaleOnOverload", value);
      return this;
    }

    public Builder loadQueueTimeout(Duration value) {
      this.loadQueueTimeout = Durations.nonNegative("loadQueueTimeout", value);
      return this;
    }

    public Builder staleIfError(Duration value) {
      this.staleIfError = Durations.nonNegative("staleIfError", value);
      return this;
    }

    /** A fixed stale window; null restores the default (the TTL, at least one second). */
    public Builder staleWindow(Duration value) {
      this.staleWindow = value == null ? null : Durations.nonNegative("staleWindow", value);
      return this;
    }

    /**
     * The fraction of requests whose latency is recorded (default {@value
     * #DEFAULT_LATENCY_SAMPLE_RATE}), clamped to [0, 1] (request counts stay exact whatever it
     * is); NaN counts as 1 (record everything).
     */
    public Builder latencySampleRate(double value) {
      this.latencySampleRate = Double.isNaN(value) ? 1.0 : Math.max(0.0, Math.min(1.0, value));
      return this;
    }

    /** See {@link OddsCacheConfig#quantiles()}; default {@link Quantiles#HISTOGRAM}. */
    public Builder quantiles(Quantiles value) {
      this.quantiles = Objects.requireNonNull(value, "quantiles");
      return this;
    }

    /**
     * True sets {@link Quantiles#SUMMARY}, which publishes the same {@code quantile} series as
     * {@code percentiles(true)} always did; false sets {@link Quantiles#NONE}.
     *
     * @deprecated use {@link #quantiles(Quantiles)}: the default is now {@link
     *     Quantiles#HISTOGRAM}
     */
    @Deprecated
    public Builder percentiles(boolean value) {
      return quantiles(value ? Quantiles.SUMMARY : Quantiles.NONE);
    }

    public OddsCacheConfig build() {
      return new OddsCacheConfig(this);
    }
  }
}
