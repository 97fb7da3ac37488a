package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class StripedCountersTest {
  @Test
  void sums_countEveryIncrementFromEveryThread_perCounter() throws Exception {
    StripedCounters counters = new StripedCounters(3);
    int threads = 2 * StripedCounters.STRIPES + 3;
    int perThread = 10_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        for (int i = 0; i < perThread; i++) {
          counters.increment(0);
          counters.add(2, 3);
        }
      });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(counters.sum(0)).isEqualTo((long) threads * perThread);
    assertThat(counters.sum(1)).isZero();
    assertThat(counters.sum(2)).isEqualTo(3L * threads * perThread);
    assertThat(counters.view(2).value()).isEqualTo(3.0 * threads * perThread);
  }

  @Test
  void moreLiveThreadsThanOwnedRows_shareOverflowRowsWithoutLosingCounts() throws Exception {
    StripedCounters counters = new StripedCounters(2);
    int threads = ThreadSlots.OWNED + 40;
    int perThread = 2_000;
    // Every thread is alive at once, so at least 40 of them get no row of their own.
    CyclicBarrier allAlive = new CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        try {
          allAlive.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        StripedCounters.Row row = counters.row();
        for (int i = 0; i < perThread; i++) {
          row.increment(1);
        }
      });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(counters.sum(1)).isEqualTo((long) threads * perThread);
    assertThat(counters.sum(0)).isZero();
  }

  @Test
  void stripes_areAPowerOfTwoBetweenOneAndSixteen() {
    assertThat(Integer.bitCount(StripedCounters.STRIPES)).isEqualTo(1);
    assertThat(StripedCounters.STRIPES).isBetween(1, 16);
  }
}
