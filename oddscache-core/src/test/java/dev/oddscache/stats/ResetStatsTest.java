package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code resetStats(category)} clears the snapshot view of one category and nothing else, and
 * never touches the Micrometer counters, which stay monotonic (the original Python system
 * oddscache replaces reset its Prometheus counters too, which broke every rate).
 */
class ResetStatsTest {
  /** What each category clears, written out from the original system's {@code reset_category}. */
  private static final Map<StatsCategory, Set<String>> CLEARED = Map.of(
      StatsCategory.VIX, Set.of("vix_panic_detected", "vix_warning_detected", "vix_normal",
          "cache_bypass_vix", "vix_panic_rate_pct"),
      StatsCategory.GOLDEN_HOUR, Set.of("golden_hour_warmup", "golden_hour_golden",
          "golden_hour_active", "golden_hour_prematch", "golden_hour_standard",
          "golden_hour_total"),
      StatsCategory.SWR, Set.of("swr_served_stale", "swr_served_fresh", "swr_too_stale",
          "swr_background_success", "swr_background_error"),
      StatsCategory.TAGMANAGER, Set.of("surgical_invalidation", "full_invalidation",
          "markets_affected_logical", "cache_keys_deleted_actual", "markets_preserved",
          "avg_cpu_saved_pct", "full_invalidation_keys_deleted"),
      StatsCategory.STRATEGY, Set.of("strategy_bypass", "strategy_compute",
          "strategy_serve_stale", "strategy_serve_fresh"),
      // The hit rate divides by total_requests, so it reads 0 once the requests are cleared.
      StatsCategory.PERFORMANCE, Set.of("total_requests", "avg_latency_ms", "min_latency_ms",
          "max_latency_ms", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms",
          "latency_samples", "hit_rate_pct"));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CacheStatsRecorder recorder = new CacheStatsRecorder(registry, 1.0);

  @ParameterizedTest
  @EnumSource(value = StatsCategory.class, mode = EnumSource.Mode.EXCLUDE, names = "ALL")
  void reset_clearsOnlyItsCategoryAndLeavesCountersUnchanged(StatsCategory category) {
    traffic();
    Map<String, Object> before = recorder.snapshot().toMap();
    Map<String, Double> countersBefore = functionCounters();
    assertThat(before.values()).as("fixture: every statistic moved")
        .allSatisfy(v -> assertThat(((Number) v).doubleValue()).isPositive());

    recorder.reset(category);

    Map<String, Object> after = recorder.snapshot().toMap();
    for (Map.Entry<String, Object> entry : before.entrySet()) {
      String name = entry.getKey();
      if (CLEARED.get(category).contains(name)) {
        assertThat(((Number) after.get(name)).doubleValue()).as(name).isZero();
      } else {
        assertThat(after.get(name)).as(name).isEqualTo(entry.getValue());
      }
    }
    assertThat(functionCounters()).isEqualTo(countersBefore);
  }

  @Test
  void resetAll_clearsEveryStatisticAndLeavesCountersUnchanged() {
    traffic();
    Map<String, Double> countersBefore = functionCounters();
    double timerCountBefore = requestDurationCount();

    recorder.reset(StatsCategory.ALL);

    assertThat(recorder.snapshot().toMap().values())
        .allSatisfy(v -> assertThat(((Number) v).doubleValue()).isZero());
    assertThat(functionCounters()).isEqualTo(countersBefore);
    assertThat(requestDurationCount()).isPositive().isEqualTo(timerCountBefore);
  }

  private double requestDurationCount() {
    return registry.get("oddscache.request.duration").functionTimer().count();
  }

  @Test
  void afterReset_onlyNewEventsAreCountedAndCountersKeepGrowing() {
    traffic();
    double requestsBefore = totalRequestCounter();
    recorder.reset(StatsCategory.STRATEGY);
    recorder.reset(StatsCategory.PERFORMANCE);

    recorder.recordRequest(Strategy.COMPUTE, Decisions.normal(Zone.ACTIVE), StaleReason.NONE, 0);
    recorder.recordLatency(3_000_000);

    CacheStats s = recorder.snapshot();
    assertThat(s.requestsWithStrategy(Strategy.COMPUTE)).isEqualTo(1);
    assertThat(s.requestsWithStrategy(Strategy.SERVE_FRESH)).isZero();
    assertThat(s.totalRequests()).isEqualTo(1);
    assertThat(s.latencySamples()).isEqualTo(1);
    assertThat(s.minLatencyMillis()).isEqualTo(3.0);
    assertThat(s.maxLatencyMillis()).isEqualTo(3.0);
    assertThat(totalRequestCounter()).isEqualTo(requestsBefore + 1);
  }

  @Test
  void resetTwice_isTheSameAsOnce() {
    traffic();
    recorder.reset(StatsCategory.SWR);
    recorder.reset(StatsCategory.SWR);

    assertThat(recorder.snapshot().swrServedFresh()).isZero();
    recorder.recordRefreshSuccess();
    assertThat(recorder.snapshot().swrRefreshSuccess()).isEqualTo(1);
  }

  @Test
  void parse_isCaseInsensitiveAndAcceptsTheSeedSpelling() {
    assertThat(StatsCategory.parse("golden_hour")).isEqualTo(StatsCategory.GOLDEN_HOUR);
    assertThat(StatsCategory.parse("TagManager")).isEqualTo(StatsCategory.TAGMANAGER);
    assertThat(StatsCategory.parse(" all ")).isEqualTo(StatsCategory.ALL);
  }

  @Test
  void parse_unknownCategory_namesTheFieldTheValueAndTheChoices() {
    assertThatThrownBy(() -> StatsCategory.parse("latency"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("category")
        .hasMessageContaining("'latency'")
        .hasMessageContaining("VIX, GOLDEN_HOUR, SWR, TAGMANAGER, STRATEGY, PERFORMANCE, ALL");
    assertThatThrownBy(() -> StatsCategory.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("category");
  }

  @Test
  void reset_nullCategory_isRejected() {
    assertThatThrownBy(() -> recorder.reset(null)).isInstanceOf(NullPointerException.class);
  }

  /** Moves every statistic of the snapshot. */
  private void traffic() {
    for (Zone zone : Zone.values()) {
      recorder.recordRequest(Strategy.SERVE_FRESH, Decisions.normal(zone), StaleReason.NONE, 1_000);
      recorder.recordRequest(Strategy.SERVE_STALE,
          Decisions.warning(zone), StaleReason.REVALIDATING, 20_000);
      recorder.recordTooStale();
      recorder.recordRequest(Strategy.COMPUTE, Decisions.normal(zone), StaleReason.NONE, -1);
      recorder.recordRequest(Strategy.BYPASS, Decisions.panicJustBegun(zone), StaleReason.NONE, 0);
      recorder.recordRequest(Strategy.SERVE_FRESH,
          Decisions.panicLasting35Minutes(zone), StaleReason.NONE, 500);
    }
    for (long micros = 100; micros <= 2_000; micros += 100) {
      recorder.recordLatency(micros * 1_000);
    }
    recorder.recordRefreshSuccess();
    recorder.recordRefreshFailure();
    recorder.recordLoadSuccess(1_000_000);
    recorder.recordLoadFailure(1_000_000);
    recorder.recordError(ErrorKind.LOAD);
    recorder.recordSurgicalInvalidation(4, 39, 6, 60.0);
    recorder.recordFullInvalidation(100);
  }

  private Map<String, Double> functionCounters() {
    Map<String, Double> counts = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      if (meter instanceof FunctionCounter counter) {
        counts.put(meter.getId().toString(), counter.count());
      }
    }
    return counts;
  }

  private double totalRequestCounter() {
    return registry.get("oddscache.requests").functionCounters().stream()
        .mapToDouble(FunctionCounter::count).sum();
  }
}
