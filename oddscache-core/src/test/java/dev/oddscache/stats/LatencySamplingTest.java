package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code latencySampleRate}: only latencies are sampled; request counts stay exact. */
class LatencySamplingTest {
  private static final int CALLS = 20_000;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void rateOne_recordsEveryLatency() {
    CacheStatsRecorder recorder = traffic(1.0);

    assertThat(recorder.snapshot().latencySamples()).isEqualTo(CALLS);
    assertThat(timerCount()).isEqualTo(CALLS);
    assertThat(recorder.snapshot().totalRequests()).isEqualTo(CALLS);
  }

  @Test
  void rateZero_recordsNoLatencyButEveryRequest() {
    CacheStatsRecorder recorder = traffic(0.0);

    CacheStats s = recorder.snapshot();
    assertThat(s.latencySamples()).isZero();
    assertThat(s.avgLatencyMillis()).isZero();
    assertThat(s.minLatencyMillis()).isZero();
    assertThat(timerCount()).isZero();
    assertThat(s.totalRequests()).isEqualTo(CALLS);
    assertThat(s.hitFresh()).isEqualTo(CALLS);
  }

  @Test
  void rateHalf_recordsAboutHalfTheLatenciesAndEveryRequest() {
    CacheStatsRecorder recorder = traffic(0.5);

    CacheStats s = recorder.snapshot();
    // Binomial(20000, 0.5): standard deviation ~71, so ±1000 is over 14 deviations.
    assertThat(s.latencySamples()).isBetween(9_000L, 11_000L);
    assertThat(timerCount()).isEqualTo(s.latencySamples());
    assertThat(s.totalRequests()).isEqualTo(CALLS);
    assertThat(s.requestsWithStrategy(Strategy.SERVE_FRESH)).isEqualTo(CALLS);
    assertThat(registry.get(MeterNames.REQUESTS).tag(MeterNames.TAG_STRATEGY, "serve_fresh")
        .functionCounter().count()).isEqualTo(CALLS);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"-1, 0", "2, 1", "NaN, 1", "0.25, 0.25", "-0.0, 0", "Infinity, 1", "-Infinity, 0"})
  void rate_isClampedToZeroOne_andNaNMeansRecordEverything(double given, double expected) {
    CacheStatsRecorder recorder = new CacheStatsRecorder(registry, given);

    assertThat(recorder.latencySampleRate()).isEqualTo(expected);
  }

  @Test
  void nanRate_recordsEveryLatency() {
    CacheStatsRecorder recorder = new CacheStatsRecorder(registry, Double.NaN);
    for (int i = 0; i < 100; i++) {
      recorder.recordLatency(1_000);
    }

    assertThat(recorder.snapshot().latencySamples()).isEqualTo(100);
  }

  @Test
  void negativeLatency_isIgnored() {
    CacheStatsRecorder recorder = new CacheStatsRecorder(registry, 1.0);
    recorder.recordLatency(-5);

    assertThat(recorder.snapshot().latencySamples()).isZero();
    assertThat(timerCount()).isZero();
  }

  private CacheStatsRecorder traffic(double rate) {
    CacheStatsRecorder recorder = new CacheStatsRecorder(registry, rate);
    Decision calm = Decisions.normal(Zone.ACTIVE);
    for (int i = 0; i < CALLS; i++) {
      recorder.recordRequest(Strategy.SERVE_FRESH, calm, StaleReason.NONE, 0);
      recorder.recordLatency(1_000_000 + i);
    }
    return recorder;
  }

  private long timerCount() {
    return (long) registry.get(MeterNames.REQUEST_DURATION).functionTimer().count();
  }
}
