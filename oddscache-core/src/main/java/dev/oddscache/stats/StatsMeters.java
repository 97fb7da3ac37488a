package dev.oddscache.stats;

import dev.oddscache.Status;
import dev.oddscache.cache.Strategy;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The Micrometer side of {@link CacheStatsRecorder}: registers every meter named in {@link
 * MeterNames} but the breaker's at construction, each label value at zero, so that every series
 * exists before the first request.
 *
 * <p>Counters are {@link FunctionCounter}s over the recorder's counters: they are monotonic and
 * untouched by snapshot resets. The request duration and the served age are, by {@link
 * Quantiles} mode, {@link BucketHistogram}s read by {@link FunctionTimer}s (count and total) and
 * exported as {@link HistogramView}s, or Micrometer's own timer and summaries. Gauges read
 * suppliers that {@link #bind} may replace at any time; until then they read 0. Thread-safe.
 */
final class StatsMeters {
  /** The panic quota's tiers, one {@code panic.matches} series each. */
  static final int[] TIERS = {1, 2, 3, 4};

  private static final String REQUEST_DURATION_HELP =
      "Request latency, sampled at the latency sample rate";
  private static final String SERVED_AGE_HELP = "Age of the value served";

  private final Timer loadDuration;
  private final DistributionSummary cpuSaved;
  private final Runnable onGaugeFailure;

  /**
   * With {@link Quantiles#HISTOGRAM}: the two histograms, else null. Held here, strongly: the
   * function timers that read them only hold them weakly.
   */
  private final BucketHistogram requestHistogram;
  private final BucketHistogram servedAgeHistogram;
  private final List<HistogramView> histograms;
  /** Without {@link Quantiles#HISTOGRAM}: Micrometer's own meters, else null. */
  private final Timer requestDuration;
  private final DistributionSummary[] servedAge;

  private volatile IntSupplier loadsInFlight = () -> 0;
  private volatile BooleanSupplier storeFallback = () -> false;
  private volatile Supplier<Map<Integer, Long>> panicMatchesByTier = Map::of;

  /**
   * @param counters the recorder's counters, indexed by {@link Stat} ordinal
   * @param quantiles how the request duration and the served age give their quantiles
   * @param onGaugeFailure run when a bound supplier throws during a scrape
   */
  StatsMeters(MeterRegistry registry, StripedCounters.View[] counters, Quantiles quantiles,
      Runnable onGaugeFailure) {
    this.onGaugeFailure = onGaugeFailure;
    for (Strategy strategy : Strategy.values()) {
      counter(registry, MeterNames.REQUESTS, "Requests by how they were served",
          counters[CacheStatsRecorder.strategyStat(strategy).ordinal()],
          MeterNames.TAG_STRATEGY, strategy.label());
    }
    counter(registry, MeterNames.CACHE_HITS, "Requests answered from the cache",
        counters[Stat.CACHE_HIT_FRESH.ordinal()], MeterNames.TAG_FRESHNESS, "fresh");
    counter(registry, MeterNames.CACHE_HITS, "Requests answered from the cache",
        counters[Stat.CACHE_HIT_STALE.ordinal()], MeterNames.TAG_FRESHNESS, "stale");
    counter(registry, MeterNames.CACHE_MISSES, "Requests that waited for a load of a missing or"
        + " too stale value", counters[Stat.CACHE_MISS.ordinal()]);
    for (ErrorKind kind : ErrorKind.values()) {
      counter(registry, MeterNames.ERRORS, "Errors by kind",
          counters[CacheStatsRecorder.errorStat(kind).ordinal()],
          MeterNames.TAG_KIND, kind.label());
    }
    for (Status status : Status.values()) {
      counter(registry, MeterNames.VIX_STATUS, "Requests by aggregated volatility status",
          counters[CacheStatsRecorder.statusStat(status).ordinal()],
          MeterNames.TAG_STATUS, status.label());
    }
    counter(registry, MeterNames.VIX_BYPASS, "Requests that bypassed the cache because of PANIC",
        counters[Stat.CACHE_BYPASS_VIX.ordinal()]);
    for (Zone zone : Zone.values()) {
      counter(registry, MeterNames.ZONE, "Requests by kickoff zone",
          counters[CacheStatsRecorder.zoneStat(zone).ordinal()],
          MeterNames.TAG_ZONE, zone.name().toLowerCase(Locale.ROOT));
    }
    swr(registry, counters, Stat.SWR_SERVED_STALE, "served_stale");
    swr(registry, counters, Stat.SWR_SERVED_FRESH, "served_fresh");
    swr(registry, counters, Stat.SWR_TOO_STALE, "too_stale");
    swr(registry, counters, Stat.SWR_BACKGROUND_SUCCESS, "refresh_success");
    swr(registry, counters, Stat.SWR_BACKGROUND_ERROR, "refresh_error");
    counter(registry, MeterNames.INVALIDATIONS, "Invalidations by kind",
        counters[Stat.SURGICAL_INVALIDATION.ordinal()], MeterNames.TAG_KIND, "surgical");
    counter(registry, MeterNames.INVALIDATIONS, "Invalidations by kind",
        counters[Stat.FULL_INVALIDATION.ordinal()], MeterNames.TAG_KIND, "full");
    counter(registry, MeterNames.INVALIDATION_MARKETS_AFFECTED,
        "Markets hit by surgical invalidations, from the impact rules",
        counters[Stat.MARKETS_AFFECTED_LOGICAL.ordinal()]);
    counter(registry, MeterNames.INVALIDATION_KEYS_DELETED, "Stored keys deleted by invalidations",
        counters[Stat.CACHE_KEYS_DELETED_ACTUAL.ordinal()], MeterNames.TAG_KIND, "surgical");
    counter(registry, MeterNames.INVALIDATION_KEYS_DELETED, "Stored keys deleted by invalidations",
        counters[Stat.FULL_INVALIDATION_KEYS_DELETED.ordinal()], MeterNames.TAG_KIND, "full");
    counter(registry, MeterNames.INVALIDATION_MARKETS_PRESERVED,
        "Markets left in place by surgical invalidations",
        counters[Stat.MARKETS_PRESERVED.ordinal()]);
    counter(registry, MeterNames.ADAPTIVE_TTL_APPLIED,
        "Requests whose TTL a breaker floor or the panic quota raised above their freshness",
        counters[Stat.ADAPTIVE_TTL_APPLIED.ordinal()]);
    counter(registry, MeterNames.LOADS, "Backend loads by result",
        counters[Stat.LOADS_SUCCESS.ordinal()], MeterNames.TAG_RESULT, "success");
    counter(registry, MeterNames.LOADS, "Backend loads by result",
        counters[Stat.LOADS_ERROR.ordinal()], MeterNames.TAG_RESULT, "error");

    cpuSaved = DistributionSummary.builder(MeterNames.CPU_SAVED_RATIO)
        .description("Share of a match's markets preserved by one surgical invalidation")
        .register(registry);
    loadDuration = Timer.builder(MeterNames.LOAD_DURATION)
        .description("Backend load duration")
        .register(registry);
    if (quantiles == Quantiles.HISTOGRAM) {
      requestHistogram = new BucketHistogram(BucketHistogram.REQUEST_DURATION_NANOS, 1e9, 1);
      servedAgeHistogram = new BucketHistogram(BucketHistogram.SERVED_AGE_MILLIS, 1e3,
          Strategy.values().length);
      List<HistogramView> views = new ArrayList<>();
      views.add(histogram(registry, requestHistogram, MeterNames.REQUEST_DURATION,
          REQUEST_DURATION_HELP, 0, Map.of(), TimeUnit.NANOSECONDS));
      for (Strategy strategy : Strategy.values()) {
        views.add(histogram(registry, servedAgeHistogram, MeterNames.SERVED_AGE, SERVED_AGE_HELP,
            strategy.ordinal(), Map.of(MeterNames.TAG_STRATEGY, strategy.label()),
            TimeUnit.MILLISECONDS));
      }
      histograms = List.copyOf(views);
      requestDuration = null;
      servedAge = null;
    } else {
      requestHistogram = null;
      servedAgeHistogram = null;
      histograms = List.of();
      double[] published = quantiles == Quantiles.SUMMARY
          ? new double[] {0.5, 0.95, 0.99} : new double[0];
      requestDuration = Timer.builder(MeterNames.REQUEST_DURATION)
          .description(REQUEST_DURATION_HELP)
          .publishPercentiles(published)
          .register(registry);
      servedAge = new DistributionSummary[Strategy.values().length];
      for (Strategy strategy : Strategy.values()) {
        servedAge[strategy.ordinal()] = DistributionSummary.builder(MeterNames.SERVED_AGE)
            .description(SERVED_AGE_HELP)
            .baseUnit("seconds")
            .publishPercentiles(published)
            .tag(MeterNames.TAG_STRATEGY, strategy.label())
            .register(registry);
      }
    }

    Gauge.builder(MeterNames.LOADS_IN_FLIGHT, this, StatsMeters::loadsInFlight)
        .description("Backend loads in flight in this process")
        .strongReference(true)
        .register(registry);
    Gauge.builder(MeterNames.STORE_FALLBACK, this, StatsMeters::storeFallback)
        .description("1 while the store runs on its local fallback, else 0")
        .strongReference(true)
        .register(registry);
    for (int tier : TIERS) {
      Gauge.builder(MeterNames.PANIC_MATCHES, this, m -> m.panicMatches(tier))
          .description("Panicking matches by quota tier")
          .tag(MeterNames.TAG_TIER, Integer.toString(tier))
          .strongReference(true)
          .register(registry);
    }
  }

  /**
   * A registered histogram series as a function timer: any registry sees its count and total,
   * and a Prometheus exporter that publishes the view itself filters the timer out.
   */
  private static HistogramView histogram(MeterRegistry registry, BucketHistogram histogram,
      String name, String description, int series, Map<String, String> tags, TimeUnit unit) {
    HistogramView view = histogram.view(name, description, tags, series);
    FunctionTimer.Builder<BucketHistogram> timer = FunctionTimer.builder(name, histogram,
        h -> h.count(series), h -> h.sum(series), unit).description(description);
    tags.forEach(timer::tag);
    timer.register(registry);
    return view;
  }

  void recordRequestDuration(long nanos) {
    if (requestHistogram != null) {
      requestHistogram.record(0, nanos);
    } else {
      requestDuration.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Records a served age, by the thread holding {@code slot} ({@link ThreadSlots#current()}). */
  void recordServedAge(int slot, Strategy strategy, long millis) {
    if (servedAgeHistogram != null) {
      servedAgeHistogram.record(slot, strategy.ordinal(), millis);
    } else {
      servedAge[strategy.ordinal()].record(millis / 1000.0);
    }
  }

  /** The histogram series, request duration first; empty without {@link Quantiles#HISTOGRAM}. */
  List<HistogramView> histograms() {
    return histograms;
  }

  Timer loadDuration() {
    return loadDuration;
  }

  DistributionSummary cpuSaved() {
    return cpuSaved;
  }

  void bind(
      IntSupplier loadsInFlight,
      BooleanSupplier storeFallback,
      Supplier<Map<Integer, Long>> panicMatchesByTier) {
    this.loadsInFlight = Objects.requireNonNull(loadsInFlight, "loadsInFlight");
    this.storeFallback = Objects.requireNonNull(storeFallback, "storeFallback");
    this.panicMatchesByTier = Objects.requireNonNull(panicMatchesByTier, "panicMatchesByTier");
  }

  // A supplier that throws must not break the scrape of every other meter: it reads NaN, which
  // Prometheus shows as a gap, and counts a metrics error.
  private double loadsInFlight() {
    try {
      return loadsInFlight.getAsInt();
    } catch (RuntimeException e) {
      onGaugeFailure.run();
      return Double.NaN;
    }
  }

  private double storeFallback() {
    try {
      return storeFallback.getAsBoolean() ? 1 : 0;
    } catch (RuntimeException e) {
      onGaugeFailure.run();
      return Double.NaN;
    }
  }

  private double panicMatches(int tier) {
    try {
      Map<Integer, Long> byTier = panicMatchesByTier.get();
      Long count = byTier == null ? null : byTier.get(tier);
      return count == null ? 0 : count;
    } catch (RuntimeException e) {
      onGaugeFailure.run();
      return Double.NaN;
    }
  }

  private static void swr(MeterRegistry registry, StripedCounters.View[] counters, Stat stat,
      String result) {
    counter(registry, MeterNames.SWR, "Stale-while-revalidate outcomes",
        counters[stat.ordinal()], MeterNames.TAG_RESULT, result);
  }

  private static void counter(
      MeterRegistry registry, String name, String description, StripedCounters.View counter,
      String... tags) {
    FunctionCounter.builder(name, counter, StripedCounters.View::value)
        .description(description)
        .tags(tags)
        .register(registry);
  }
}
