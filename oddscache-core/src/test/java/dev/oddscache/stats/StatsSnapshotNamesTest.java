package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code stats()} keeps the names of the original Python system oddscache replaces (its {@code
 * to_prometheus()}).
 */
class StatsSnapshotNamesTest {
  private final CacheStatsRecorder recorder = new CacheStatsRecorder(new SimpleMeterRegistry(), 1);

  @Test
  void legacyNames_are35Distinct() {
    assertThat(CacheStats.LEGACY_NAMES).hasSize(35).doesNotHaveDuplicates();
  }

  @Test
  void toMap_containsEveryLegacyNameBeforeAnyTraffic() {
    Map<String, Object> map = recorder.snapshot().toMap();

    assertThat(map).containsKeys(CacheStats.LEGACY_NAMES.toArray(String[]::new));
    assertThat(map).containsKeys("p50_latency_ms", "p99_latency_ms");
    assertThat(map.values()).allSatisfy(v -> assertThat(((Number) v).doubleValue()).isZero());
  }

  @Test
  void toMap_countsAreLongsAndRatesAndLatenciesAreDoubles() {
    recorder.recordRequest(Strategy.SERVE_FRESH,
        Decisions.normal(Zone.ACTIVE), StaleReason.NONE, 0);
    recorder.recordLatency(1_500_000);

    Map<String, Object> map = recorder.snapshot().toMap();

    assertThat(map.get("cache_hit_fresh")).isEqualTo(1L);
    assertThat(map.get("total_requests")).isEqualTo(1L);
    assertThat(map.get("golden_hour_total")).isEqualTo(1L);
    assertThat(map.get("hit_rate_pct")).isEqualTo(100.0);
    assertThat(map.get("avg_latency_ms")).isEqualTo(1.5);
    assertThat(map.get("min_latency_ms")).isEqualTo(1.5);
    assertThat(map.get("max_latency_ms")).isEqualTo(1.5);
    assertThat(map.get("p50_latency_ms")).isEqualTo(1.5);
  }

  @Test
  void toMap_isUnmodifiableAndSnapshotIsImmutable() {
    CacheStats before = recorder.snapshot();
    recorder.recordRequest(Strategy.COMPUTE, Decisions.normal(Zone.ACTIVE), StaleReason.NONE, 0);

    assertThat(before.totalRequests()).isZero();
    assertThatThrownBy(() -> before.toMap().put("cache_miss", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
