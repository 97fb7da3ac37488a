package dev.oddscache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The system ticker's coarse readings: never ahead of the real clocks, and the monotonic one
 * never going back (the wall clock may be set back by its owner, like {@code currentTimeMillis}).
 */
class CoarseClockTest {

  @Test
  void aCoarseReadingIsNeverAheadOfTheRealClock() {
    Ticker system = Ticker.system();
    for (int i = 0; i < 100_000; i++) {
      long coarseNanos = system.coarseNanoTime();
      long coarseMillis = system.coarseEpochMillis();
      assertThat(coarseNanos).isLessThanOrEqualTo(System.nanoTime());
      assertThat(coarseMillis).isLessThanOrEqualTo(System.currentTimeMillis());
    }
  }

  @Test
  void readingsNeverGoBackOnAnyThread() throws InterruptedException {
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    AtomicReference<String> wentBack = new AtomicReference<>();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread reader = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        long last = CoarseClock.nanoTime();
        for (int i = 0; i < 500_000; i++) {
          long nanos = CoarseClock.nanoTime();
          if (nanos - last < 0) {
            wentBack.compareAndSet(null, last + " -> " + nanos);
          }
          last = nanos;
        }
      });
      reader.start();
      readers.add(reader);
    }
    start.countDown();
    for (Thread reader : readers) {
      reader.join();
    }
    assertThat(wentBack.get()).isNull();
  }

  @Test
  void aTickerWithoutCoarseReadingsGivesItsPreciseOnes() {
    ManualTicker manual = new ManualTicker();
    manual.advanceMillis(1234);
    assertThat(manual.coarseEpochMillis()).isEqualTo(manual.epochMillis());
    assertThat(manual.coarseNanoTime()).isEqualTo(manual.nanoTime());
  }
}
