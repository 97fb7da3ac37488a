package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The derived gauges of the snapshot: hit rate, VIX panic rate, mean CPU saved. */
class StatsRatesTest {
  private final CacheStatsRecorder recorder = new CacheStatsRecorder(new SimpleMeterRegistry(), 1);

  @Test
  void noTraffic_ratesAreZeroNotNaN() {
    CacheStats s = recorder.snapshot();

    assertThat(s.hitRatePct()).isZero();
    assertThat(s.vixPanicRatePct()).isZero();
    assertThat(s.avgCpuSavedPct()).isZero();
    assertThat(s.avgLatencyMillis()).isZero();
  }

  @Test
  void hitRate_isFreshPlusStaleHitsOverTotalRequests() {
    Decision calm = Decisions.normal(Zone.GOLDEN);
    for (int i = 0; i < 5; i++) {
      recorder.recordRequest(Strategy.SERVE_FRESH, calm, StaleReason.NONE, 0);
    }
    for (int i = 0; i < 2; i++) {
      recorder.recordRequest(Strategy.SERVE_STALE, calm, StaleReason.REVALIDATING, 0);
    }
    recorder.recordRequest(Strategy.COMPUTE, calm, StaleReason.NONE, 0);
    recorder.recordTooStale();
    recorder.recordRequest(Strategy.COMPUTE, calm, StaleReason.NONE, 0);
    recorder.recordRequest(Strategy.BYPASS,
        Decisions.panicJustBegun(Zone.GOLDEN), StaleReason.NONE, 0);

    // 7 hits out of 10 requests.
    assertThat(recorder.snapshot().hitRatePct()).isEqualTo(70.0);
    assertThat(recorder.snapshot().toMap()).containsEntry("hit_rate_pct", 70.0);
  }

  @Test
  void hitRate_isRoundedToThreeDecimalsInTheMapOnly() {
    Decision calm = Decisions.normal(Zone.GOLDEN);
    recorder.recordRequest(Strategy.SERVE_FRESH, calm, StaleReason.NONE, 0);
    recorder.recordRequest(Strategy.SERVE_FRESH, calm, StaleReason.NONE, 0);
    recorder.recordRequest(Strategy.COMPUTE, calm, StaleReason.NONE, 0);

    assertThat(recorder.snapshot().hitRatePct()).isCloseTo(200.0 / 3, within(1e-9));
    assertThat(recorder.snapshot().toMap()).containsEntry("hit_rate_pct", 66.667);
  }

  @Test
  void hitRate_afterAPerformanceResetAlone_isCappedAt100() {
    Decision calm = Decisions.normal(Zone.GOLDEN);
    for (int i = 0; i < 4; i++) {
      recorder.recordRequest(Strategy.SERVE_FRESH, calm, StaleReason.NONE, 0);
    }
    recorder.reset(StatsCategory.PERFORMANCE);
    recorder.recordRequest(Strategy.SERVE_FRESH, calm, StaleReason.NONE, 0);

    assertThat(recorder.snapshot().hitRatePct()).isEqualTo(100.0);
  }

  @Test
  void vixPanicRate_isPanicOverAllStatuses() {
    recorder.recordRequest(Strategy.BYPASS,
        Decisions.panicJustBegun(Zone.ACTIVE), StaleReason.NONE, 0);
    recorder.recordRequest(Strategy.SERVE_FRESH,
        Decisions.warning(Zone.ACTIVE), StaleReason.NONE, 0);
    recorder.recordRequest(Strategy.SERVE_FRESH,
        Decisions.normal(Zone.ACTIVE), StaleReason.NONE, 0);
    recorder.recordRequest(Strategy.SERVE_FRESH,
        Decisions.normal(Zone.ACTIVE), StaleReason.NONE, 0);

    assertThat(recorder.snapshot().vixPanicRatePct()).isEqualTo(25.0);
    assertThat(recorder.snapshot().toMap()).containsEntry("vix_panic_rate_pct", 25.0);
  }

  @Test
  void surgicalInvalidations_sumCountsAndAverageCpuSaved() {
    recorder.recordSurgicalInvalidation(4, 39, 6, 60.0);
    recorder.recordSurgicalInvalidation(10, 12, 0, 0.0);
    recorder.recordSurgicalInvalidation(1, 3, 9, 90.0);
    recorder.recordFullInvalidation(120);

    CacheStats s = recorder.snapshot();
    assertThat(s.surgicalInvalidations()).isEqualTo(3);
    assertThat(s.fullInvalidations()).isEqualTo(1);
    assertThat(s.marketsAffected()).isEqualTo(15);
    assertThat(s.keysDeleted()).isEqualTo(54);
    assertThat(s.fullInvalidationKeysDeleted()).isEqualTo(120);
    assertThat(s.marketsPreserved()).isEqualTo(15);
    assertThat(s.avgCpuSavedPct()).isEqualTo(50.0);
  }

  @Test
  void surgicalInvalidation_clampsCpuSavedSkipsNaNAndIgnoresNegativeCounts() {
    recorder.recordSurgicalInvalidation(-1, -5, -2, 150.0);
    recorder.recordSurgicalInvalidation(1, 1, 1, Double.NaN);
    recorder.recordSurgicalInvalidation(1, 1, 1, -20.0);

    CacheStats s = recorder.snapshot();
    assertThat(s.surgicalInvalidations()).isEqualTo(3);
    assertThat(s.marketsAffected()).isEqualTo(2);
    assertThat(s.keysDeleted()).isEqualTo(2);
    assertThat(s.marketsPreserved()).isEqualTo(2);
    // (100 + 0) / 2: the NaN one is not averaged.
    assertThat(s.avgCpuSavedPct()).isEqualTo(50.0);
  }
}
