package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A failing meter never reaches the caller, and is counted where the error counter works. */
class GuardedCacheMetricsTest {
  private static final Decision CALM = Decisions.normal(Zone.ACTIVE);

  /** Every recording method of {@link CacheMetrics}, once. */
  enum Call {
    REQUEST(m -> m.recordRequest(Strategy.SERVE_FRESH, CALM, StaleReason.NONE, 0)),
    FAILED_REQUEST(m -> m.recordFailedRequest(Strategy.COMPUTE, CALM)),
    TOO_STALE(CacheMetrics::recordTooStale),
    LATENCY(m -> m.recordLatency(1_000)),
    REFRESH_SUCCESS(CacheMetrics::recordRefreshSuccess),
    REFRESH_FAILURE(CacheMetrics::recordRefreshFailure),
    LOAD_SUCCESS(m -> m.recordLoadSuccess(1_000)),
    LOAD_FAILURE(m -> m.recordLoadFailure(1_000)),
    ERROR(m -> m.recordError(ErrorKind.STORE)),
    SURGICAL_INVALIDATION(m -> m.recordSurgicalInvalidation(1, 1, 1, 50.0)),
    FULL_INVALIDATION(m -> m.recordFullInvalidation(3));

    final Consumer<CacheMetrics> call;

    Call(Consumer<CacheMetrics> call) {
      this.call = call;
    }
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void aThrowingMethod_isSwallowedAndCountedAsAMetricsError(Call call) {
    Failing failing = new Failing(new CacheStatsRecorder(new SimpleMeterRegistry(), 1.0));

    call.call.accept(CacheMetrics.guarded(failing));

    assertThat(failing.calls).as("the delegate was called").hasSize(2);
    assertThat(failing.recorder.snapshot().errors(ErrorKind.METRICS)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Call.class)
  void aWorkingMethod_reachesTheDelegate(Call call) {
    List<String> seen = new ArrayList<>();
    CacheMetrics recording = new Failing(null) {
      @Override
      void called(String name) {
        seen.add(name);
      }
    };

    call.call.accept(CacheMetrics.guarded(recording));

    assertThat(seen).hasSize(1);
  }

  @Test
  void aFailingErrorCounter_isSwallowedToo() {
    CacheMetrics broken = new Failing(null) {
      @Override
      void called(String name) {
        throw new IllegalStateException("meter broken: " + name);
      }
    };

    CacheMetrics guarded = CacheMetrics.guarded(broken);
    assertThatCode(() -> {
      guarded.recordRequest(Strategy.COMPUTE, CALM, StaleReason.NONE, 0);
      guarded.recordError(ErrorKind.LOAD);
    }).doesNotThrowAnyException();
  }

  @Test
  void anError_stillPropagates() {
    CacheMetrics failing = new Failing(null) {
      @Override
      void called(String name) {
        throw new OutOfMemoryError("not a metrics failure");
      }
    };

    assertThatThrownBy(() -> CacheMetrics.guarded(failing).recordTooStale())
        .isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void guardingTwice_addsNoSecondLayer() {
    CacheMetrics guarded = CacheMetrics.guarded(new CacheStatsRecorder(
        new SimpleMeterRegistry(), 1.0));

    assertThat(CacheMetrics.guarded(guarded)).isSameAs(guarded);
  }

  /**
   * Throws from every method but {@code recordError(METRICS)}, which it passes to {@code
   * recorder} so the test can read the count; subclasses replace {@link #called}.
   */
  private static class Failing implements CacheMetrics {
    final CacheStatsRecorder recorder;
    final List<String> calls = new ArrayList<>();

    Failing(CacheStatsRecorder recorder) {
      this.recorder = recorder;
    }

    void called(String name) {
      calls.add(name);
      throw new IllegalStateException("meter broken: " + name);
    }

    @Override
    public void recordRequest(Strategy strategy, Decision decision, StaleReason staleReason,
        long servedAgeMillis) {
      called("request");
    }

    @Override
    public void recordFailedRequest(Strategy strategy, Decision decision) {
      called("failedRequest");
    }

    @Override
    public void recordTooStale() {
      called("tooStale");
    }

    @Override
    public void recordLatency(long nanos) {
      called("latency");
    }

    @Override
    public void recordRefreshSuccess() {
      called("refreshSuccess");
    }

    @Override
    public void recordRefreshFailure() {
      called("refreshFailure");
    }

    @Override
    public void recordLoadSuccess(long nanos) {
      called("loadSuccess");
    }

    @Override
    public void recordLoadFailure(long nanos) {
      called("loadFailure");
    }

    @Override
    public void recordError(ErrorKind kind) {
      if (kind == ErrorKind.METRICS && recorder != null) {
        calls.add("error " + kind);
        recorder.recordError(kind);
        return;
      }
      called("error " + kind);
    }

    @Override
    public void recordSurgicalInvalidation(
        int marketsAffected, long keysDeleted, int marketsPreserved, double cpuSavedPct) {
      called("surgicalInvalidation");
    }

    @Override
    public void recordFullInvalidation(long keysDeleted) {
      called("fullInvalidation");
    }
  }
}
