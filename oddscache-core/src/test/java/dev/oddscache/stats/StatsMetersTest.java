package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
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
  void distributions_existWithUnitsAndPercentiles() {
    Timer requests = registry.find(MeterNames.REQUEST_DURATION).timer();
    assertThat(requests).isNotNull();
    assertThat(registry.find(MeterNames.LOAD_DURATION).timer()).isNotNull();
    DistributionSummary cpu = registry.find(MeterNames.CPU_SAVED_RATIO).summary();
    assertThat(cpu).isNotNull();
    Collection<DistributionSummary> ages = registry.find(MeterNames.SERVED_AGE).summaries();
    assertThat(ages).hasSize(4).allSatisfy(
        s -> assertThat(s.getId().getBaseUnit()).isEqualTo("seconds"));
    assertThat(tagValues(ages, MeterNames.TAG_STRATEGY))
        .containsExactlyInAnyOrder("serve_fresh", "serve_stale", "compute", "bypass");

    recorder.recordLatency(2_000_000);
    recorder.recordSurgicalInvalidation(4, 39, 6, 60.0);

    assertThat(requests.takeSnapshot().percentileValues())
        .extracting(ValueAtPercentile::percentile).containsExactly(0.5, 0.95, 0.99);
    assertThat(ages).allSatisfy(s -> assertThat(s.takeSnapshot().percentileValues())
        .extracting(ValueAtPercentile::percentile).containsExactly(0.5, 0.95, 0.99));
    assertThat(cpu.totalAmount()).isEqualTo(0.6);
  }

  @Test
  void percentilesOff_keepsCountSumAndMaxWithoutQuantiles() {
    SimpleMeterRegistry plain = new SimpleMeterRegistry();
    CacheStatsRecorder withoutQuantiles = new CacheStatsRecorder(plain, 1.0, false);
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
    assertThat(withoutQuantiles.snapshot().p50LatencyMillis()).isEqualTo(2.0);
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
