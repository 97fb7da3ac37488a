package dev.oddscache.stats;

import dev.oddscache.Status;
import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The {@link CacheMetrics} of every cache, for two readers: Micrometer meters, which are
 * monotonic and never reset, and the {@link CacheStats} snapshot of {@link #snapshot()}, whose
 * view {@link #reset} can clear per category.
 *
 * <p>Every event is counted once, in thread-striped counters ({@link StripedCounters}); the
 * Micrometer counters read the same counters. A reset stores the current values of the
 * category's counters as a baseline and the snapshot reports {@code current - baseline}, so
 * resetting the view never moves a counter backwards in Prometheus (the original Python
 * system's {@code reset_category} reset its Prometheus counters too, which broke every rate).
 * The latency statistics of the snapshot live in a histogram that a {@link
 * StatsCategory#PERFORMANCE} reset swaps for an empty one.
 *
 * <p>Thread-safe. Recording is lock-free and allocation-free except for Micrometer's own
 * distribution meters (the load duration, the CPU-saved ratio, and the request duration and
 * served age outside {@link Quantiles#HISTOGRAM}); only {@link #reset} synchronises, against
 * other resets. With {@link Quantiles#HISTOGRAM}, the default, a request writes only to its
 * thread's own rows. A snapshot is not atomic across counters: one taken during traffic may count
 * a request in one field and not yet in another. A latency recorded while a {@code performance}
 * reset swaps the histogram may be lost from the snapshot view (never from {@code
 * oddscache.request.duration}).
 *
 * <p>No method throws on valid input; the cache still records through {@link
 * CacheMetrics#guarded}, so that a metrics failure never fails a request. Register one
 * recorder per {@link MeterRegistry}: meters are
 * identified by name and tags, so a second recorder on the same registry would find the first
 * one's counters. The Micrometer counters hold the recorder's counter views weakly; keep the
 * recorder reachable for as long as the registry is scraped.
 */
public final class CacheStatsRecorder implements CacheMetrics {
  private static final double MICROS_PER_PCT = 1_000_000.0;

  private final StripedCounters counters = new StripedCounters(Stat.VALUES.length);
  /** Held here, strongly: the Micrometer counters only hold them weakly. */
  private final StripedCounters.View[] views = new StripedCounters.View[Stat.VALUES.length];
  private final StatsMeters meters;
  private final double latencySampleRate;
  private final Quantiles quantiles;

  /** Values of {@link #counters} at the latest reset of each; replaced, never mutated. */
  private volatile long[] baseline = new long[Stat.VALUES.length];

  private volatile LatencyHistogram latency = new LatencyHistogram();

  /**
   * Registers every meter on {@code registry}, at zero, with {@link Quantiles#HISTOGRAM}.
   *
   * @param latencySampleRate the fraction of {@link #recordLatency} calls recorded, clamped to
   *     [0, 1]; NaN means 1 (record every latency), the default that loses nothing
   * @throws NullPointerException if {@code registry} is null
   */
  public CacheStatsRecorder(MeterRegistry registry, double latencySampleRate) {
    this(registry, latencySampleRate, Quantiles.HISTOGRAM);
  }

  /**
   * Registers every meter on {@code registry}, at zero.
   *
   * @param latencySampleRate as {@link #CacheStatsRecorder(MeterRegistry, double)}
   * @param percentiles true for {@link Quantiles#SUMMARY} (what true meant before histograms
   *     existed: the same {@code quantile} series), false for {@link Quantiles#NONE}
   * @throws NullPointerException if {@code registry} is null
   * @deprecated use {@link #CacheStatsRecorder(MeterRegistry, double, Quantiles)}
   */
  @Deprecated
  public CacheStatsRecorder(MeterRegistry registry, double latencySampleRate,
      boolean percentiles) {
    this(registry, latencySampleRate, percentiles ? Quantiles.SUMMARY : Quantiles.NONE);
  }

  /**
   * Registers every meter on {@code registry}, at zero.
   *
   * @param latencySampleRate as {@link #CacheStatsRecorder(MeterRegistry, double)}
   * @param quantiles how {@code oddscache.request.duration} and {@code oddscache.served.age}
   *     give their quantiles (see {@code OddsCacheConfig.quantiles()})
   * @throws NullPointerException if {@code registry} or {@code quantiles} is null
   */
  public CacheStatsRecorder(MeterRegistry registry, double latencySampleRate,
      Quantiles quantiles) {
    Objects.requireNonNull(registry, "registry");
    this.quantiles = Objects.requireNonNull(quantiles, "quantiles");
    for (int i = 0; i < views.length; i++) {
      views[i] = counters.view(i);
    }
    this.latencySampleRate = clampSampleRate(latencySampleRate);
    this.meters = new StatsMeters(registry, views, quantiles, () -> add(Stat.ERROR_METRICS));
  }

  /** Clamps to [0, 1]; NaN becomes 1. */
  static double clampSampleRate(double rate) {
    if (Double.isNaN(rate)) {
      return 1.0;
    }
    return Math.max(0.0, Math.min(1.0, rate));
  }

  /** The fraction of {@link #recordLatency} calls recorded, in [0, 1]. */
  public double latencySampleRate() {
    return latencySampleRate;
  }

  /** How the request duration and the served age give their quantiles. */
  public Quantiles quantiles() {
    return quantiles;
  }

  /**
   * With {@link Quantiles#HISTOGRAM}: the request duration's histogram, then the served age's,
   * one per strategy, for an exporter to publish; empty in the other modes.
   */
  public List<HistogramView> histograms() {
    return meters.histograms();
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code BYPASS} is also counted as a VIX bypass when the request's status is PANIC. The
   * decision gives the status, the zone and whether a breaker floor or the panic quota raised
   * the TTL above the request's freshness (adaptive TTL).
   *
   * @throws NullPointerException if {@code strategy}, {@code decision} or {@code staleReason}
   *     is null
   */
  @Override
  public void recordRequest(Strategy strategy, Decision decision, StaleReason staleReason,
      long servedAgeMillis) {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(staleReason, "staleReason");
    // The thread's slot looked up once for its counts and its served age.
    int slot = ThreadSlots.current();
    count(counters.row(slot), strategy, decision, staleReason);
    if (servedAgeMillis >= 0) {
      meters.recordServedAge(slot, strategy, servedAgeMillis);
    }
  }

  /**
   * {@inheritDoc} Counted as {@link #recordRequest} counts a request that served nothing stale.
   *
   * @throws NullPointerException if {@code strategy} or {@code decision} is null
   */
  @Override
  public void recordFailedRequest(Strategy strategy, Decision decision) {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(decision, "decision");
    count(counters.row(), strategy, decision, StaleReason.NONE);
  }

  /** The six to eight counts of a request, in the row of its thread. */
  private void count(StripedCounters.Row row, Strategy strategy, Decision decision,
      StaleReason staleReason) {
    add(row, Stat.TOTAL_REQUESTS);
    add(row, strategyStat(strategy));
    if (staleReason != StaleReason.NONE || strategy == Strategy.SERVE_STALE) {
      add(row, Stat.CACHE_HIT_STALE);
    } else if (strategy == Strategy.SERVE_FRESH) {
      add(row, Stat.CACHE_HIT_FRESH);
    } else if (strategy == Strategy.COMPUTE) {
      add(row, Stat.CACHE_MISS);
    }
    switch (strategy) {
      case SERVE_FRESH -> add(row, Stat.SWR_SERVED_FRESH);
      case SERVE_STALE -> add(row, Stat.SWR_SERVED_STALE);
      case BYPASS -> {
        if (decision.status() == Status.PANIC) {
          add(row, Stat.CACHE_BYPASS_VIX);
        }
      }
      default -> { }
    }
    add(row, statusStat(decision.status()));
    add(row, zoneStat(decision.zone()));
    if (decision.ttlSeconds() > decision.freshnessSeconds()) {
      add(row, Stat.ADAPTIVE_TTL_APPLIED);
    }
  }

  @Override
  public void recordTooStale() {
    add(Stat.SWR_TOO_STALE);
  }

  /**
   * Records one request's latency with probability {@link #latencySampleRate()}, in the snapshot
   * histogram and {@code oddscache.request.duration} (its bucket histogram, or Micrometer's timer
   * outside {@link Quantiles#HISTOGRAM}). Request counts do not depend on
   * it: they come from {@link #recordRequest}. A negative duration is ignored.
   *
   * @param nanos the request's duration in nanoseconds
   */
  @Override
  public void recordLatency(long nanos) {
    if (nanos < 0 || !sampleLatency()) {
      return;
    }
    recordSampledLatency(nanos);
  }

  /** {@inheritDoc} With probability {@link #latencySampleRate()}. */
  @Override
  public boolean sampleLatency() {
    double rate = latencySampleRate;
    // Rate 1 needs no random draw.
    return rate >= 1.0 || (rate > 0.0 && ThreadLocalRandom.current().nextDouble() < rate);
  }

  @Override
  public void recordSampledLatency(long nanos) {
    if (nanos < 0) {
      return;
    }
    latency.record(nanos);
    meters.recordRequestDuration(nanos);
  }

  @Override
  public void recordRefreshSuccess() {
    add(Stat.SWR_BACKGROUND_SUCCESS);
  }

  @Override
  public void recordRefreshFailure() {
    add(Stat.SWR_BACKGROUND_ERROR);
  }

  @Override
  public void recordLoadSuccess(long nanos) {
    add(Stat.LOADS_SUCCESS);
    timeLoad(nanos);
  }

  @Override
  public void recordLoadFailure(long nanos) {
    add(Stat.LOADS_ERROR);
    timeLoad(nanos);
  }

  private void timeLoad(long nanos) {
    if (nanos >= 0) {
      meters.loadDuration().record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void recordError(ErrorKind kind) {
    add(errorStat(Objects.requireNonNull(kind, "kind")));
  }

  @Override
  public void recordSurgicalInvalidation(
      int marketsAffected, long keysDeleted, int marketsPreserved, double cpuSavedPct) {
    add(Stat.SURGICAL_INVALIDATION);
    add(Stat.MARKETS_AFFECTED_LOGICAL, marketsAffected);
    add(Stat.CACHE_KEYS_DELETED_ACTUAL, keysDeleted);
    add(Stat.MARKETS_PRESERVED, marketsPreserved);
    if (!Double.isNaN(cpuSavedPct)) {
      double pct = Math.max(0.0, Math.min(100.0, cpuSavedPct));
      add(Stat.CPU_SAVED_COUNT);
      add(Stat.CPU_SAVED_MICRO_PCT, Math.round(pct * MICROS_PER_PCT));
      meters.cpuSaved().record(pct / 100.0);
    }
  }

  @Override
  public void recordFullInvalidation(long keysDeleted) {
    add(Stat.FULL_INVALIDATION);
    add(Stat.FULL_INVALIDATION_KEYS_DELETED, keysDeleted);
  }

  /**
   * Points the gauges at live state; they read 0 until this is called, and the latest call wins.
   * The suppliers are called on each scrape, from the scraping thread, and must be thread-safe
   * and cheap. One that throws makes its gauge read NaN and counts a {@link ErrorKind#METRICS}
   * error.
   *
   * @param loadsInFlight backend loads in flight in this process
   * @param storeFallback whether the store runs on its local fallback (gauge 1, else 0)
   * @param panicMatchesByTier panicking matches per quota tier 1 to 4; a missing tier reads 0
   */
  public void bindGauges(
      IntSupplier loadsInFlight,
      BooleanSupplier storeFallback,
      Supplier<Map<Integer, Long>> panicMatchesByTier) {
    meters.bind(loadsInFlight, storeFallback, panicMatchesByTier);
  }

  /** The counts since the latest reset of each category, and the latency statistics. */
  public CacheStats snapshot() {
    // Baseline before counters: a counter read after its baseline can only be larger.
    long[] base = baseline;
    LatencyHistogram histogram = latency;
    long[] values = new long[Stat.VALUES.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.max(0, counters.sum(i) - base[i]);
    }
    long[] percentiles = histogram.valuesAt(0.50, 0.95, 0.99);
    return new CacheStats(values, histogram.count(), histogram.sumNanos(), histogram.minNanos(),
        histogram.maxNanos(), percentiles[0], percentiles[1], percentiles[2]);
  }

  /**
   * Clears the category's statistics from the snapshot view; {@link StatsCategory#ALL} clears
   * every one. The Micrometer counters are not touched: they stay monotonic.
   *
   * @throws NullPointerException if {@code category} is null
   */
  public synchronized void reset(StatsCategory category) {
    Objects.requireNonNull(category, "category");
    long[] next = baseline.clone();
    for (Stat stat : Stat.VALUES) {
      if (stat.resetBy(category)) {
        next[stat.ordinal()] = counters.sum(stat.ordinal());
      }
    }
    if (category == StatsCategory.PERFORMANCE || category == StatsCategory.ALL) {
      latency = new LatencyHistogram();
    }
    baseline = next;
  }

  private void add(Stat stat) {
    counters.increment(stat.ordinal());
  }

  private static void add(StripedCounters.Row row, Stat stat) {
    row.increment(stat.ordinal());
  }

  private void add(Stat stat, long amount) {
    if (amount > 0) {
      counters.add(stat.ordinal(), amount);
    }
  }

  static Stat strategyStat(Strategy strategy) {
    return switch (strategy) {
      case SERVE_FRESH -> Stat.STRATEGY_SERVE_FRESH;
      case SERVE_STALE -> Stat.STRATEGY_SERVE_STALE;
      case COMPUTE -> Stat.STRATEGY_COMPUTE;
      case BYPASS -> Stat.STRATEGY_BYPASS;
    };
  }

  static Stat statusStat(Status status) {
    return switch (status) {
      case NORMAL -> Stat.VIX_NORMAL;
      case WARNING -> Stat.VIX_WARNING_DETECTED;
      case PANIC -> Stat.VIX_PANIC_DETECTED;
    };
  }

  static Stat zoneStat(Zone zone) {
    return switch (zone) {
      case STANDARD -> Stat.GOLDEN_HOUR_STANDARD;
      case PREMATCH -> Stat.GOLDEN_HOUR_PREMATCH;
      case WARMUP -> Stat.GOLDEN_HOUR_WARMUP;
      case GOLDEN -> Stat.GOLDEN_HOUR_GOLDEN;
      case ACTIVE -> Stat.GOLDEN_HOUR_ACTIVE;
    };
  }

  static Stat errorStat(ErrorKind kind) {
    return switch (kind) {
      case LOAD -> Stat.ERROR_LOAD;
      case STORE -> Stat.ERROR_STORE;
      case OVERLOAD -> Stat.ERROR_OVERLOAD;
      case METRICS -> Stat.ERROR_METRICS;
    };
  }
}
