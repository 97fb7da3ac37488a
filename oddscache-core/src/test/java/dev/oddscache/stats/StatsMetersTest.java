package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every meter exists, with every label value, before the first request. */
class StatsMetersTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CacheStatsRecorder recorder = new CacheStatsRecorder(registry, 1.0);

  @Test
  void meterNames_renderAsTheSpecPrometheusNames() {
    assertThat(MeterNames.REQUESTS).isEqualTo("oddscache.requests");
    assertThat(MeterNames.CACHE_HITS).isEqualTo("oddscache.cache.hits");
    assertThat(MeterNames.CACHE_MISSES).isEqualTo("oddscache.cache.misses");
    assertThat(MeterNames.ERRORS).isEqualTo("oddscache.errors");
    assertThat(MeterNames.VIX_STATUS).isEqualTo("oddscache.vix.status");
    assertThat(MeterNames.ZONE).isEqualTo("oddscache.zone");
    assertThat(MeterNames.SWR).isEqualTo("oddscache.swr");
    assertThat(MeterNames.INVALIDATIONS).isEqualTo("oddscache.invalidations");
    assertThat(MeterNames.CPU_SAVED_RATIO).isEqualTo("oddscache.cpu.saved.ratio");
    assertThat(MeterNames.REQUEST_DURATION).isEqualTo("oddscache.request.duration");
    assertThat(MeterNames.SERVED_AGE).isEqualTo("oddscache.served.age");
    assertThat(MeterNames.LOAD_DURATION).isEqualTo("oddscache.load.duration");
    assertThat(MeterNames.LOADS_IN_FLIGHT).isEqualTo("oddscache.loads.in.flight");
    assertThat(MeterNames.STORE_FALLBACK).isEqualTo("oddscache.store.fallback");
    assertThat(MeterNames.PANIC_MATCHES).isEqualTo("oddscache.panic.matches");
  }

  @Test
  void taggedCounters_existAtZeroForEveryLabelValue() {
    assertLabels(MeterNames.REQUESTS, MeterNames.TAG_STRATEGY,
        "serve_fresh", "serve_stale", "compute", "bypass");
    assertLabels(MeterNames.CACHE_HITS, MeterNames.TAG_FRESHNESS, "fresh", "stale");
    assertLabels(MeterNames.ERRORS, MeterNames.TAG_KIND, "load", "store", "overload", "metrics");
    assertLabels(MeterNames.VIX_STATUS, MeterNames.TAG_STATUS, "normal", "warning", "panic");
    assertLabels(MeterNames.ZONE, MeterNames.TAG_ZONE,
        "standard", "prematch", "warmup", "golden", "active");
    assertLabels(MeterNames.SWR, MeterNames.TAG_RESULT,
        "served_stale", "served_fresh", "too_stale", "refresh_success", "refresh_error");
    assertLabels(MeterNames.INVALIDATIONS, MeterNames.TAG_KIND, "surgical", "full");
    assertLabels(MeterNames.INVALIDATION_KEYS_DELETED, MeterNames.TAG_KIND, "surgical", "full");
    assertLabels(MeterNames.LOADS, MeterNames.TAG_RESULT, "success", "error");
  }

  @Test
  void untaggedCounters_existAtZero() {
    for (String name : Set.of(MeterNames.CACHE_MISSES, MeterNames.VIX_BYPASS,
        MeterNames.INVALIDATION_MARKETS_AFFECTED, MeterNames.INVALIDATION_MARKETS_PRESERVED,
        MeterNames.ADAPTIVE_TTL_APPLIED)) {
      FunctionCounter counter = registry.find(name).functionCounter();
      assertThat(counter).as(name).isNotNull();
      assertThat(counter.getId().getTags()).as(name).isEmpty();
      assertThat(counter.count()).as(name).isZero();
    }
  }

  @Test
  void byDefault_histogramsBehindFunctionTimersWithCountAndTotal() {
    assertThat(recorder.quantiles()).isEqualTo(Quantiles.HISTOGRAM);
    assertThat(registry.find(MeterNames.REQUEST_DURATION).timer()).as("no Micrometer timer")
        .isNull();
    FunctionTimer requests = registry.get(MeterNames.REQUEST_DURATION).functionTimer();
    Collection<FunctionTimer> ages = registry.find(MeterNames.SERVED_AGE).functionTimers();
    assertThat(tagValues(ages, MeterNames.TAG_STRATEGY))
        .containsExactlyInAnyOrder("serve_fresh", "serve_stale", "compute", "bypass");
    assertThat(registry.find(MeterNames.SERVED_AGE).summaries()).isEmpty();
    assertThat(registry.find(MeterNames.LOAD_DURATION).timer()).isNotNull();

    recorder.recordLatency(2_000_000);
    recorder.recordLatency(7_000);
    recorder.recordRequest(Strategy.COMPUTE, Decisions.normal(Zone.STANDARD), StaleReason.NONE,
        4_000);

    assertThat(requests.count()).isEqualTo(2);
    assertThat(requests.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(2_007_000);
    FunctionTimer compute = registry.get(MeterNames.SERVED_AGE)
        .tag(MeterNames.TAG_STRATEGY, "compute").functionTimer();
    assertThat(compute.count()).isEqualTo(1);
    assertThat(compute.totalTime(TimeUnit.SECONDS)).isEqualTo(4.0);

    List<HistogramView> views = recorder.histograms();
    assertThat(views).extracting(HistogramView::name).containsExactly(
        MeterNames.REQUEST_DURATION, MeterNames.SERVED_AGE, MeterNames.SERVED_AGE,
        MeterNames.SERVED_AGE, MeterNames.SERVED_AGE);
    assertThat(views.get(0).tags()).isEmpty();
    assertThat(views.subList(1, 5)).extracting(v -> v.tags().get(MeterNames.TAG_STRATEGY))
        .containsExactly("serve_fresh", "serve_stale", "compute", "bypass");
    HistogramCounts latency = views.get(0).counts();
    assertThat(latency.count()).isEqualTo(2);
    assertThat(latency.sum()).isCloseTo(0.002007, within(1e-15));
    // 7 us falls in (5 us, 10 us], 2 ms in (1 ms, 2.5 ms].
    assertThat(latency.cumulativeCount(bucket(latency, 5e-6))).isZero();
    assertThat(latency.cumulativeCount(bucket(latency, 1e-5))).isEqualTo(1);
    assertThat(latency.cumulativeCount(bucket(latency, 1e-3))).isEqualTo(1);
    assertThat(latency.cumulativeCount(bucket(latency, 2.5e-3))).isEqualTo(2);
    HistogramCounts computeAge = views.get(3).counts();
    assertThat(computeAge.cumulativeCount(bucket(computeAge, 2.5))).isZero();
    assertThat(computeAge.cumulativeCount(bucket(computeAge, 5.0))).isEqualTo(1);
    assertThat(views.get(1).counts().count()).isZero();
  }

  @Test
  void summaryMode_publishesMicrometersQuantilesAsBefore() {
    SimpleMeterRegistry plain = new SimpleMeterRegistry();
    CacheStatsRecorder summaries = new CacheStatsRecorder(plain, 1.0, Quantiles.SUMMARY);
    Timer requests = plain.find(MeterNames.REQUEST_DURATION).timer();
    assertThat(requests).isNotNull();
    Collection<DistributionSummary> ages = plain.find(MeterNames.SERVED_AGE).summaries();
    assertThat(ages).hasSize(4).allSatisfy(
        s -> assertThat(s.getId().getBaseUnit()).isEqualTo("seconds"));
    assertThat(summaries.histograms()).isEmpty();

    summaries.recordLatency(2_000_000);
    summaries.recordSurgicalInvalidation(4, 39, 6, 60.0);

    assertThat(requests.count()).isEqualTo(1);
    assertThat(requests.takeSnapshot().percentileValues())
        .extracting(ValueAtPercentile::percentile).containsExactly(0.5, 0.95, 0.99);
    assertThat(ages).allSatisfy(s -> assertThat(s.takeSnapshot().percentileValues())
        .extracting(ValueAtPercentile::percentile).containsExactly(0.5, 0.95, 0.99));
    assertThat(plain.get(MeterNames.CPU_SAVED_RATIO).summary().totalAmount()).isEqualTo(0.6);
  }

  @Test
  void noneMode_keepsCountSumAndMaxWithoutQuantiles() {
    SimpleMeterRegistry plain = new SimpleMeterRegistry();
    CacheStatsRecorder withoutQuantiles = new CacheStatsRecorder(plain, 1.0, Quantiles.NONE);
    withoutQuantiles.recordLatency(2_000_000);
    withoutQuantiles.recordRequest(Strategy.SERVE_FRESH,
        Decisions.normal(Zone.STANDARD), StaleReason.NONE, 1_500);

    Timer requests = plain.find(MeterNames.REQUEST_DURATION).timer();
    DistributionSummary fresh = plain.find(MeterNames.SERVED_AGE)
        .tag(MeterNames.TAG_STRATEGY, "serve_fresh").summary();
    assertThat(requests.takeSnapshot().percentileValues()).isEmpty();
    assertThat(requests.count()).isEqualTo(1);
    assertThat(fresh.takeSnapshot().percentileValues()).isEmpty();
    assertThat(fresh.count()).isEqualTo(1);
    assertThat(fresh.totalAmount()).isEqualTo(1.5);
    assertThat(fresh.max()).isEqualTo(1.5);
    assertThat(withoutQuantiles.histograms()).isEmpty();
    assertThat(withoutQuantiles.snapshot().p50LatencyMillis()).isEqualTo(2.0);
  }

  @Test
  @SuppressWarnings("deprecation")
  void deprecatedPercentilesFlag_meansSummaryOrNone() {
    assertThat(new CacheStatsRecorder(new SimpleMeterRegistry(), 1.0, true).quantiles())
        .isEqualTo(Quantiles.SUMMARY);
    assertThat(new CacheStatsRecorder(new SimpleMeterRegistry(), 1.0, false).quantiles())
        .isEqualTo(Quantiles.NONE);
  }

  @Test
  void everyMode_keepsTheSnapshotsPercentiles() {
    for (Quantiles mode : Quantiles.values()) {
      CacheStatsRecorder r = new CacheStatsRecorder(new SimpleMeterRegistry(), 1.0, mode);
      for (int i = 1; i <= 100; i++) {
        r.recordLatency(i * 1_000_000L);
      }
      assertThat(r.snapshot().p50LatencyMillis()).as(mode.name()).isCloseTo(50.0, within(1.6));
      assertThat(r.snapshot().p99LatencyMillis()).as(mode.name()).isCloseTo(99.0, within(3.1));
    }
  }

  private static int bucket(HistogramCounts counts, double upperBound) {
    for (int i = 0; i < counts.buckets(); i++) {
      if (counts.upperBound(i) == upperBound) {
        return i;
      }
    }
    throw new AssertionError("no bound " + upperBound + " in " + counts);
  }

  @Test
  void invalidations_countByKindLikeTheSnapshot() {
    recorder.recordSurgicalInvalidation(4, 39, 6, 60.0);
    recorder.recordSurgicalInvalidation(2, 5, 8, 80.0);
    recorder.recordFullInvalidation(120);

    assertThat(counter(MeterNames.INVALIDATIONS, MeterNames.TAG_KIND, "surgical")).isEqualTo(2);
    assertThat(counter(MeterNames.INVALIDATIONS, MeterNames.TAG_KIND, "full")).isEqualTo(1);
    assertThat(counter(MeterNames.INVALIDATION_MARKETS_AFFECTED)).isEqualTo(6);
    assertThat(counter(MeterNames.INVALIDATION_MARKETS_PRESERVED)).isEqualTo(14);
    assertThat(counter(MeterNames.INVALIDATION_KEYS_DELETED, MeterNames.TAG_KIND, "surgical"))
        .isEqualTo(44);
    assertThat(counter(MeterNames.INVALIDATION_KEYS_DELETED, MeterNames.TAG_KIND, "full"))
        .isEqualTo(120);
    DistributionSummary cpu = registry.get(MeterNames.CPU_SAVED_RATIO).summary();
    assertThat(cpu.count()).isEqualTo(2);
    assertThat(cpu.mean()).isCloseTo(0.7, within(1e-12));
    assertThat(recorder.snapshot().avgCpuSavedPct()).isEqualTo(70.0);
  }

  @Test
  void gauges_existAtZeroBeforeBindingAndReadTheBoundSuppliers() {
    assertThat(gauge(MeterNames.LOADS_IN_FLIGHT)).isZero();
    assertThat(gauge(MeterNames.STORE_FALLBACK)).isZero();
    Collection<Gauge> tiers = registry.find(MeterNames.PANIC_MATCHES).gauges();
    assertThat(tagValues(tiers, MeterNames.TAG_TIER)).containsExactlyInAnyOrder("1", "2", "3", "4");
    assertThat(tiers).allSatisfy(g -> assertThat(g.value()).isZero());

    AtomicInteger inFlight = new AtomicInteger(3);
    AtomicBoolean fallback = new AtomicBoolean(true);
    recorder.bindGauges(inFlight::get, fallback::get, () -> Map.of(1, 7L, 3, 2L));

    assertThat(gauge(MeterNames.LOADS_IN_FLIGHT)).isEqualTo(3.0);
    assertThat(gauge(MeterNames.STORE_FALLBACK)).isEqualTo(1.0);
    assertThat(tier("1")).isEqualTo(7.0);
    assertThat(tier("2")).isZero();
    assertThat(tier("3")).isEqualTo(2.0);
    inFlight.set(0);
    fallback.set(false);
    assertThat(gauge(MeterNames.LOADS_IN_FLIGHT)).isZero();
    assertThat(gauge(MeterNames.STORE_FALLBACK)).isZero();
  }

  @Test
  void failingGaugeSupplier_readsNaNAndCountsAMetricsError() {
    recorder.bindGauges(() -> {
      throw new IllegalStateException("boom");
    }, () -> false, () -> null);

    assertThat(gauge(MeterNames.LOADS_IN_FLIGHT)).isNaN();
    assertThat(tier("1")).as("a null map reads 0").isZero();
    assertThat(recorder.snapshot().errors(ErrorKind.METRICS)).isEqualTo(1);
    assertThat(registry.get(MeterNames.ERRORS).tag(MeterNames.TAG_KIND, "metrics")
        .functionCounter().count()).isEqualTo(1.0);
  }

  @Test
  void noMeterCarriesAnIdAndEveryTagValueIsLowerCase() {
    recorder.recordRequest(Strategy.SERVE_FRESH,
        Decisions.normal(Zone.ACTIVE), StaleReason.NONE, 0);
    Set<String> allowedKeys = Set.of(MeterNames.TAG_STRATEGY, MeterNames.TAG_FRESHNESS,
        MeterNames.TAG_KIND, MeterNames.TAG_STATUS, MeterNames.TAG_ZONE, MeterNames.TAG_RESULT,
        MeterNames.TAG_TIER);

    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getName()).startsWith("oddscache.");
      for (Tag tag : meter.getId().getTags()) {
        if (tag.getKey().equals("phi")) {
          // Micrometer's own percentile tag: Prometheus renders it as "quantile".
          continue;
        }
        assertThat(allowedKeys).as(meter.getId().toString()).contains(tag.getKey());
        assertThat(tag.getValue()).matches("[a-z0-9_]+");
      }
    }
  }

  private void assertLabels(String name, String tagKey, String... values) {
    Collection<FunctionCounter> counters = registry.find(name).functionCounters();
    assertThat(tagValues(counters, tagKey)).as(name).containsExactlyInAnyOrder(values);
    assertThat(counters).as(name).allSatisfy(c -> assertThat(c.count()).isZero());
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  private static Set<String> tagValues(Collection<? extends Meter> meters, String key) {
    return meters.stream().map(m -> m.getId().getTag(key)).collect(Collectors.toSet());
  }

  private double gauge(String name) {
    return Search.in(registry).name(name).gauge().value();
  }

  private double tier(String tier) {
    return registry.get(MeterNames.PANIC_MATCHES).tag(MeterNames.TAG_TIER, tier).gauge().value();
  }
}
