package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;
import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real threads released together by a barrier: no event is lost, totals are exact. */
class StatsConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 20_000;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CacheStatsRecorder recorder = new CacheStatsRecorder(registry, 1.0);

  @Test
  @Timeout(60)
  void concurrentRecording_countsEveryEventExactly() throws Exception {
    Decision calm = Decisions.normal(Zone.GOLDEN);
    Decision panic = Decisions.panicJustBegun(Zone.ACTIVE);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      long base = (t + 1) * 1_000L;
      Thread thread = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < PER_THREAD; i++) {
            boolean even = (i & 1) == 0;
            recorder.recordRequest(even ? Strategy.SERVE_FRESH : Strategy.BYPASS,
                even ? calm : panic, StaleReason.NONE, 0);
            recorder.recordLatency(base + i);
            if (i % 10 == 0) {
              recorder.recordError(ErrorKind.STORE);
            }
            // Snapshots taken during traffic must not disturb it.
            if (i % 5_000 == 0) {
              recorder.snapshot();
            }
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "stats-writer-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failure.get()).isNull();
    long total = (long) THREADS * PER_THREAD;
    CacheStats s = recorder.snapshot();
    assertThat(s.totalRequests()).isEqualTo(total);
    assertThat(s.requestsWithStrategy(Strategy.SERVE_FRESH)).isEqualTo(total / 2);
    assertThat(s.requestsWithStrategy(Strategy.BYPASS)).isEqualTo(total / 2);
    assertThat(s.hitFresh()).isEqualTo(total / 2);
    assertThat(s.bypassVix()).isEqualTo(total / 2);
    assertThat(s.requestsWithStatus(Status.PANIC)).isEqualTo(total / 2);
    assertThat(s.goldenHourTotal()).isEqualTo(total);
    assertThat(s.errors(ErrorKind.STORE)).isEqualTo(THREADS * (PER_THREAD / 10));
    assertThat(s.latencySamples()).isEqualTo(total);
    assertThat(s.minLatencyMillis()).isEqualTo(1_000 / 1e6);
    assertThat(s.maxLatencyMillis()).isEqualTo((THREADS * 1_000L + PER_THREAD - 1) / 1e6);
    long expectedSum = 0;
    for (int t = 1; t <= THREADS; t++) {
      expectedSum += t * 1_000L * PER_THREAD + (long) PER_THREAD * (PER_THREAD - 1) / 2;
    }
    assertThat(s.avgLatencyMillis()).isEqualTo(expectedSum / 1e6 / total);
    assertThat(registry.get(MeterNames.REQUESTS).functionCounters().stream()
        .mapToDouble(FunctionCounter::count).sum()).isEqualTo(total);
    assertThat(registry.get(MeterNames.REQUEST_DURATION).functionTimer().count())
        .isEqualTo(total);
  }

  @Test
  @Timeout(60)
  void resetsDuringTraffic_neverMoveCountersBackwards() throws Exception {
    Decision calm = Decisions.normal(Zone.GOLDEN);
    CyclicBarrier start = new CyclicBarrier(THREADS + 1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      Thread thread = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < PER_THREAD; i++) {
            recorder.recordRequest(Strategy.COMPUTE, calm, StaleReason.NONE, 0);
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "stats-writer-" + t);
      threads.add(thread);
      thread.start();
    }
    start.await();
    double previous = 0;
    for (int i = 0; i < 200; i++) {
      recorder.reset(i % 2 == 0 ? StatsCategory.STRATEGY : StatsCategory.ALL);
      assertThat(recorder.snapshot().misses()).isNotNegative();
      double now = registry.get(MeterNames.CACHE_MISSES).functionCounter().count();
      assertThat(now).isGreaterThanOrEqualTo(previous);
      previous = now;
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failure.get()).isNull();
    assertThat(registry.get(MeterNames.CACHE_MISSES).functionCounter().count())
        .isEqualTo((double) THREADS * PER_THREAD);
    recorder.reset(StatsCategory.ALL);
    assertThat(recorder.snapshot().misses()).isZero();
  }
}
