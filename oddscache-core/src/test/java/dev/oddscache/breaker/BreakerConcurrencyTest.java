package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real threads, fake time: totals stay exact and each second is evaluated at most once. */
class BreakerConcurrencyTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 20_000;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
  private final ManualTicker ticker = new ManualTicker();

  @AfterEach
  void shutdown() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void concurrentRecordsInOneSecond_exactTotalsAndOneEvaluation() throws Exception {
    CountingWindow window = new CountingWindow(new LocalPanicWindow(Duration.ofMinutes(30)));
    PanicBreaker breaker = PanicBreaker.of(BreakerConfig.ofDefaults(), ticker, window);
    CyclicBarrier start = new CyclicBarrier(THREADS);

    runOnAllThreads(() -> {
      start.await();
      for (int i = 0; i < PER_THREAD; i++) {
        breaker.record(i % 4 == 0 ? Status.PANIC : Status.NORMAL);
      }
      return null;
    });

    assertThat(window.evaluatedSeconds).hasSize(1);
    ticker.advanceSeconds(1);
    assertThat(breaker.evaluate()).isTrue();
    assertThat(breaker.state().samples()).isEqualTo((long) THREADS * PER_THREAD);
    assertThat(breaker.state().panicRatio()).isEqualTo(0.25);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
  }

  @Test
  void concurrentRecordsWhileTimeMoves_exactTotalsAndNoSecondEvaluatedTwice() throws Exception {
    CountingWindow window = new CountingWindow(new LocalPanicWindow(Duration.ofMinutes(30)));
    PanicBreaker breaker = PanicBreaker.of(BreakerConfig.ofDefaults(), ticker, window);
    CountDownLatch go = new CountDownLatch(1);
    long firstSecond = ticker.epochMillis() / 1000;

    List<Future<?>> workers = submitToAllThreads(() -> {
      go.await();
      for (int i = 0; i < PER_THREAD; i++) {
        breaker.record(Status.PANIC);
      }
      return null;
    });
    go.countDown();
    for (int s = 0; s < 5; s++) {
      ticker.advanceSeconds(1);
      Thread.yield();
    }
    for (Future<?> worker : workers) {
      worker.get(30, TimeUnit.SECONDS);
    }
    ticker.advanceSeconds(1);
    breaker.evaluate();

    assertThat(breaker.state().samples()).isEqualTo((long) THREADS * PER_THREAD);
    assertThat(window.evaluatedSeconds).doesNotHaveDuplicates()
        .allSatisfy(s -> assertThat(s).isBetween(firstSecond, firstSecond + 6));
  }

  @Test
  void concurrentBucketCreation_losesNoSample() throws Exception {
    LocalPanicWindow window = new LocalPanicWindow(Duration.ofSeconds(10));
    long base = 1_000L;
    CyclicBarrier start = new CyclicBarrier(THREADS);

    runOnAllThreads(() -> {
      start.await();
      for (int i = 0; i < PER_THREAD; i++) {
        window.record(i % 2 == 0, base + (i % 10)); // all threads race for the same ten slots
      }
      return null;
    });

    long total = (long) THREADS * PER_THREAD;
    assertThat(window.counts(base + 10)).isEqualTo(new WindowCounts(total / 2, total, 10));
  }

  private void runOnAllThreads(java.util.concurrent.Callable<Void> task) throws Exception {
    for (Future<?> f : submitToAllThreads(task)) {
      f.get(30, TimeUnit.SECONDS);
    }
  }

  private List<Future<?>> submitToAllThreads(java.util.concurrent.Callable<Void> task) {
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(pool.submit(task));
    }
    return futures;
  }

  /** Delegates to a real window and remembers which seconds were evaluated. */
  private static final class CountingWindow implements PanicWindow {
    final List<Long> evaluatedSeconds = Collections.synchronizedList(new ArrayList<>());
    private final PanicWindow delegate;

    CountingWindow(PanicWindow delegate) {
      this.delegate = delegate;
    }

    @Override
    public long windowSeconds() {
      return delegate.windowSeconds();
    }

    @Override
    public void record(boolean panic, long epochSecond) {
      delegate.record(panic, epochSecond);
    }

    @Override
    public WindowCounts counts(long nowEpochSecond) {
      evaluatedSeconds.add(nowEpochSecond);
      return delegate.counts(nowEpochSecond);
    }

    @Override
    public void reset() {
      delegate.reset();
    }
  }
}
