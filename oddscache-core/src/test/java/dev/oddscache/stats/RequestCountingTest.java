package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Status;
import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What one {@code recordRequest} counts, in the snapshot and in Micrometer. */
class RequestCountingTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CacheStatsRecorder recorder = new CacheStatsRecorder(registry, 1.0);
  private final Decision calmActive = Decisions.normal(Zone.ACTIVE);

  @Test
  void serveFresh_countsFreshHitStrategySwrStatusAndZone() {
    Decision calmGolden = Decisions.normal(Zone.GOLDEN);
    recorder.recordRequest(Strategy.SERVE_FRESH, calmGolden, StaleReason.NONE, 4_000);

    CacheStats s = recorder.snapshot();
    assertThat(s.totalRequests()).isEqualTo(1);
    assertThat(s.requestsWithStrategy(Strategy.SERVE_FRESH)).isEqualTo(1);
    assertThat(s.hitFresh()).isEqualTo(1);
    assertThat(s.hitStale()).isZero();
    assertThat(s.misses()).isZero();
    assertThat(s.swrServedFresh()).isEqualTo(1);
    assertThat(s.swrServedStale()).isZero();
    assertThat(s.requestsWithStatus(Status.NORMAL)).isEqualTo(1);
    assertThat(s.requestsInZone(Zone.GOLDEN)).isEqualTo(1);
    assertThat(s.adaptiveTtlApplied()).isZero();
    assertThat(counter(MeterNames.REQUESTS, MeterNames.TAG_STRATEGY, "serve_fresh")).isEqualTo(1);
    assertThat(counter(MeterNames.CACHE_HITS, MeterNames.TAG_FRESHNESS, "fresh")).isEqualTo(1);
    assertThat(counter(MeterNames.SWR, MeterNames.TAG_RESULT, "served_fresh")).isEqualTo(1);
    assertThat(counter(MeterNames.VIX_STATUS, MeterNames.TAG_STATUS, "normal")).isEqualTo(1);
    assertThat(counter(MeterNames.ZONE, MeterNames.TAG_ZONE, "golden")).isEqualTo(1);
  }

  @Test
  void serveStale_countsStaleHitAndSwrServedStale() {
    recorder.recordRequest(Strategy.SERVE_STALE, calmActive, StaleReason.REVALIDATING, 12_000);

    CacheStats s = recorder.snapshot();
    assertThat(s.hitStale()).isEqualTo(1);
    assertThat(s.hitFresh()).isZero();
    assertThat(s.swrServedStale()).isEqualTo(1);
    assertThat(s.requestsWithStrategy(Strategy.SERVE_STALE)).isEqualTo(1);
    assertThat(counter(MeterNames.CACHE_HITS, MeterNames.TAG_FRESHNESS, "stale")).isEqualTo(1);
    assertThat(counter(MeterNames.SWR, MeterNames.TAG_RESULT, "served_stale")).isEqualTo(1);
  }

  @Test
  void serveStaleWithoutAStaleReason_isStillAStaleHit() {
    recorder.recordRequest(Strategy.SERVE_STALE, calmActive, StaleReason.NONE, 12_000);

    assertThat(recorder.snapshot().hitStale()).isEqualTo(1);
  }

  @Test
  void compute_isAMissAndTooStaleIsCounted() {
    recorder.recordRequest(Strategy.COMPUTE, Decisions.normal(Zone.PREMATCH), StaleReason.NONE, 0);
    recorder.recordTooStale();
    recorder.recordRequest(Strategy.COMPUTE, Decisions.normal(Zone.PREMATCH), StaleReason.NONE, 0);

    CacheStats s = recorder.snapshot();
    assertThat(s.misses()).isEqualTo(2);
    assertThat(s.swrTooStale()).isEqualTo(1);
    assertThat(s.requestsWithStrategy(Strategy.COMPUTE)).isEqualTo(2);
    assertThat(s.hitFresh() + s.hitStale()).isZero();
    assertThat(counter(MeterNames.CACHE_MISSES)).isEqualTo(2);
    assertThat(counter(MeterNames.SWR, MeterNames.TAG_RESULT, "too_stale")).isEqualTo(1);
  }

  @Test
  void computeServingStaleIfError_isAStaleHitNotAMiss() {
    recorder.recordTooStale();
    recorder.recordRequest(Strategy.COMPUTE,
        Decisions.normal(Zone.STANDARD), StaleReason.LOAD_FAILED, 90_000);

    CacheStats s = recorder.snapshot();
    assertThat(s.hitStale()).isEqualTo(1);
    assertThat(s.misses()).isZero();
    assertThat(s.swrServedStale()).as("not a stale-while-revalidate serve").isZero();
    assertThat(s.requestsWithStrategy(Strategy.COMPUTE)).isEqualTo(1);
  }

  @Test
  void failedRequest_isCountedAsARequestThatServedNothing() {
    recorder.recordFailedRequest(Strategy.COMPUTE, Decisions.normal(Zone.PREMATCH));
    recorder.recordFailedRequest(Strategy.BYPASS, calmActive);

    CacheStats s = recorder.snapshot();
    assertThat(s.totalRequests()).isEqualTo(2);
    assertThat(s.misses()).isEqualTo(1);
    assertThat(s.hitFresh() + s.hitStale()).isZero();
    assertThat(s.requestsWithStrategy(Strategy.BYPASS)).isEqualTo(1);
    assertThat(s.requestsInZone(Zone.PREMATCH)).isEqualTo(1);
    assertThat(servedAge("compute").count()).isZero();
    assertThat(servedAge("bypass").count()).isZero();
  }

  @Test
  void bypassOnPanic_countsVixBypassPanicAndNoHitOrMiss() {
    Decision d = Decisions.panicJustBegun(Zone.GOLDEN);
    assertThat(d.ttlSeconds()).as("fixture: a just-begun panic bypasses").isZero();

    recorder.recordRequest(Strategy.BYPASS, d, StaleReason.NONE, 0);

    CacheStats s = recorder.snapshot();
    assertThat(s.bypassVix()).isEqualTo(1);
    assertThat(s.requestsWithStatus(Status.PANIC)).isEqualTo(1);
    assertThat(s.requestsWithStrategy(Strategy.BYPASS)).isEqualTo(1);
    assertThat(s.hitFresh() + s.hitStale() + s.misses()).isZero();
    assertThat(s.adaptiveTtlApplied()).isZero();
    assertThat(counter(MeterNames.VIX_BYPASS)).isEqualTo(1);
    assertThat(counter(MeterNames.VIX_STATUS, MeterNames.TAG_STATUS, "panic")).isEqualTo(1);
  }

  @Test
  void bypassWithoutPanic_isNotAVixBypass() {
    recorder.recordRequest(Strategy.BYPASS, calmActive, StaleReason.NONE, 0);

    assertThat(recorder.snapshot().bypassVix()).isZero();
    assertThat(recorder.snapshot().requestsWithStrategy(Strategy.BYPASS)).isEqualTo(1);
  }

  @Test
  void panicWithQuotaTtl_countsAdaptiveTtl() {
    Decision d = Decisions.panicLasting35Minutes(Zone.GOLDEN);
    assertThat(d.ttlSeconds()).as("fixture").isGreaterThan(d.freshnessSeconds());

    recorder.recordRequest(Strategy.SERVE_FRESH, d, StaleReason.NONE, 1_000);

    assertThat(recorder.snapshot().adaptiveTtlApplied()).isEqualTo(1);
    assertThat(counter(MeterNames.ADAPTIVE_TTL_APPLIED)).isEqualTo(1);
  }

  @Test
  void warning_isCountedAsWarning() {
    recorder.recordRequest(Strategy.SERVE_FRESH,
        Decisions.warning(Zone.WARMUP), StaleReason.NONE, 0);

    CacheStats s = recorder.snapshot();
    assertThat(s.requestsWithStatus(Status.WARNING)).isEqualTo(1);
    assertThat(s.requestsWithStatus(Status.NORMAL)).isZero();
    assertThat(s.requestsInZone(Zone.WARMUP)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Zone.class)
  void eachZone_countsItsOwnGoldenHourField(Zone zone) {
    recorder.recordRequest(Strategy.SERVE_FRESH, Decisions.normal(zone), StaleReason.NONE, 0);

    CacheStats s = recorder.snapshot();
    for (Zone other : Zone.values()) {
      assertThat(s.requestsInZone(other)).as(other.name()).isEqualTo(other == zone ? 1 : 0);
    }
    assertThat(s.toMap()).containsEntry("golden_hour_" + zone.name().toLowerCase(Locale.ROOT), 1L);
    assertThat(s.goldenHourTotal()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Strategy.class)
  void eachStrategy_countsItsOwnStrategyField(Strategy strategy) {
    recorder.recordRequest(strategy, Decisions.normal(Zone.STANDARD), StaleReason.NONE, -1);

    CacheStats s = recorder.snapshot();
    for (Strategy other : Strategy.values()) {
      assertThat(s.requestsWithStrategy(other)).as(other.name())
          .isEqualTo(other == strategy ? 1 : 0);
      assertThat(counter(MeterNames.REQUESTS, MeterNames.TAG_STRATEGY, other.label()))
          .isEqualTo(other == strategy ? 1 : 0);
    }
    assertThat(s.toMap()).containsEntry("strategy_" + strategy.label(), 1L);
  }

  @Test
  void servedAge_isRecordedInSecondsPerStrategyAndSkippedWhenNegativeOrNone() {
    recorder.recordRequest(Strategy.SERVE_STALE, calmActive, StaleReason.REVALIDATING, 12_500);
    recorder.recordRequest(Strategy.SERVE_FRESH, calmActive, StaleReason.NONE, 2_000);
    recorder.recordRequest(Strategy.COMPUTE, calmActive, StaleReason.NONE, -1);
    recorder.recordFailedRequest(Strategy.COMPUTE, calmActive);

    FunctionTimer stale = servedAge("serve_stale");
    assertThat(stale.count()).isEqualTo(1);
    assertThat(stale.totalTime(TimeUnit.SECONDS)).isEqualTo(12.5);
    assertThat(servedAge("serve_fresh").totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
    assertThat(servedAge("compute").count()).isZero();
  }

  @Test
  void refreshLoadAndErrors_areCountedByOutcome() {
    recorder.recordRefreshSuccess();
    recorder.recordRefreshFailure();
    recorder.recordRefreshFailure();
    recorder.recordLoadSuccess(5_000_000);
    recorder.recordLoadFailure(7_000_000);
    recorder.recordError(ErrorKind.LOAD);
    recorder.recordError(ErrorKind.OVERLOAD);
    recorder.recordError(ErrorKind.OVERLOAD);

    CacheStats s = recorder.snapshot();
    assertThat(s.swrRefreshSuccess()).isEqualTo(1);
    assertThat(s.swrRefreshError()).isEqualTo(2);
    assertThat(s.loadsSuccess()).isEqualTo(1);
    assertThat(s.loadsError()).isEqualTo(1);
    assertThat(s.errors()).isEqualTo(3);
    assertThat(s.errors(ErrorKind.OVERLOAD)).isEqualTo(2);
    assertThat(s.errors(ErrorKind.LOAD)).as("a failed load is not also an error").isEqualTo(1);
    assertThat(counter(MeterNames.SWR, MeterNames.TAG_RESULT, "refresh_error")).isEqualTo(2);
    assertThat(counter(MeterNames.LOADS, MeterNames.TAG_RESULT, "error")).isEqualTo(1);
    assertThat(counter(MeterNames.ERRORS, MeterNames.TAG_KIND, "overload")).isEqualTo(2);
    assertThat(registry.get(MeterNames.LOAD_DURATION).timer().count()).isEqualTo(2);
    assertThat(registry.get(MeterNames.LOAD_DURATION).timer().max(TimeUnit.MILLISECONDS))
        .isEqualTo(7.0);
  }

  @Test
  void nullArguments_areRejectedByName() {
    assertThatThrownBy(() -> recorder.recordRequest(null, calmActive, StaleReason.NONE, 0))
        .isInstanceOf(NullPointerException.class).hasMessage("strategy");
    assertThatThrownBy(() -> recorder.recordRequest(Strategy.COMPUTE, null, StaleReason.NONE, 0))
        .isInstanceOf(NullPointerException.class).hasMessage("decision");
    assertThatThrownBy(() -> recorder.recordRequest(Strategy.COMPUTE, calmActive, null, 0))
        .isInstanceOf(NullPointerException.class).hasMessage("staleReason");
    assertThatThrownBy(() -> recorder.recordFailedRequest(null, calmActive))
        .isInstanceOf(NullPointerException.class).hasMessage("strategy");
    assertThatThrownBy(() -> recorder.recordFailedRequest(Strategy.COMPUTE, null))
        .isInstanceOf(NullPointerException.class).hasMessage("decision");
    assertThat(recorder.snapshot().totalRequests()).isZero();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  private FunctionTimer servedAge(String strategy) {
    return registry.get(MeterNames.SERVED_AGE).tag(MeterNames.TAG_STRATEGY, strategy)
        .functionTimer();
  }
}
