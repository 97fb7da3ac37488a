package dev.oddscache.vix;

import static dev.oddscache.vix.VixFixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddscache.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real threads feeding one detector at once: counters must be exact and every selection's state
 * must equal what a single thread feeding the same ticks would produce.
 */
class VixConcurrencyTest {
  private static final int THREADS = 8;
  private static final int TICKS_PER_THREAD = 10_000;
  private static final String[] MARKETS = {"1x2", "over_under_25", "btts", "correct_score"};
  private static final long T0 = 1_700_000_000_000L;

  /**
   * Thread {@code t}'s ticks: all threads share match "m" and its four markets (so the maps are
   * created under contention) but each owns selection "s{t}". Tick j uses market j % 4. Every
   * tenth tick (j % 10 == 3) is invalid, and from j = 100 every tenth (j % 10 == 7) is 50 ms
   * older than its selection's previous tick.
   */
  private static List<OddsTick> ticksOf(int thread) {
    SplittableRandom random = new SplittableRandom(thread);
    double[] price = {2.0, 3.0, 1.8, 9.0};
    List<OddsTick> ticks = new ArrayList<>(TICKS_PER_THREAD);
    for (int j = 0; j < TICKS_PER_THREAD; j++) {
      int m = j % MARKETS.length;
      long ts = T0 + j;
      if (j % 10 == 3) {
        ticks.add(tick("m", MARKETS[m], "s" + thread, Double.NaN, ts));
      } else if (j % 10 == 7 && j >= 100) {
        ticks.add(tick("m", MARKETS[m], "s" + thread, price[m], ts - 50));
      } else {
        // Normal moves with the occasional jump, so every status occurs.
        double move = random.nextInt(200) == 0 ? 0.15 : random.nextGaussian() * 0.01;
        price[m] = Math.max(1.01, price[m] * Math.exp(move));
        ticks.add(tick("m", MARKETS[m], "s" + thread, price[m], ts));
      }
    }
    return ticks;
  }

  @Test
  void accept_concurrentThreads_countExactlyAndMatchASequentialRun() throws Exception {
    VixDetector concurrent = VixDetector.ofDefaults();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        List<OddsTick> ticks = ticksOf(t);
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          for (OddsTick tick : ticks) {
            concurrent.accept(tick);
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS); // rethrows any exception from the thread
      }
    } finally {
      pool.shutdownNow();
    }

    // Per thread: 1 000 invalid, 990 out of order (j in [100, 10 000) with j % 10 == 7).
    assertThat(concurrent.rejectedTicks()).isEqualTo(THREADS * 1_000L);
    assertThat(concurrent.outOfOrderTicks()).isEqualTo(THREADS * 990L);
    assertThat(concurrent.acceptedTicks()).isEqualTo(THREADS * 8_010L);
    long classified = 0;
    for (Status s : Status.values()) {
      classified += concurrent.classifiedTicks(s);
    }
    assertThat(classified).isEqualTo(concurrent.acceptedTicks());

    VixDetector sequential = VixDetector.ofDefaults();
    for (int t = 0; t < THREADS; t++) {
      ticksOf(t).forEach(sequential::accept);
    }
    for (Status s : Status.values()) {
      assertThat(concurrent.classifiedTicks(s)).as("%s ticks", s)
          .isEqualTo(sequential.classifiedTicks(s));
    }
    assertThat(sequential.classifiedTicks(Status.PANIC)).isPositive();
    assertThat(sequential.classifiedTicks(Status.WARNING)).isPositive();
    long end = T0 + TICKS_PER_THREAD;
    assertThat(concurrent.marketStatuses("m", end)).isEqualTo(sequential.marketStatuses("m", end))
        .hasSize(MARKETS.length);
    // Same price and σ per selection: the next tick scores identically on both detectors.
    for (int t = 0; t < THREADS; t++) {
      for (String market : MARKETS) {
        OddsTick probe = tick("m", market, "s" + t, 2.5, end);
        assertThat(concurrent.accept(probe).zScore()).as("%s s%d", market, t)
            .isEqualTo(sequential.accept(probe).zScore());
      }
    }
  }
  @Test
  void accept_concurrentThreadsOnOneSelection_acceptEveryTickWithAnEqualTimestamp()
      throws Exception {
    VixDetector vix = VixDetector.ofDefaults();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < THREADS; t++) {
        futures.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          for (int j = 0; j < TICKS_PER_THREAD; j++) {
            assertThat(vix.accept(tick("m", "1x2", "home", 2.0, T0)).status())
                .isEqualTo(Status.NORMAL);
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(vix.acceptedTicks()).isEqualTo((long) THREADS * TICKS_PER_THREAD);
    assertThat(vix.outOfOrderTicks()).isZero();
    // The price never moved, so σ is still 0 and the next move is scored against σ_min.
    TickResult next = vix.accept(tick("m", "1x2", "home", 2.0 * Math.exp(0.015), T0));
    assertThat(next.zScore()).isCloseTo(1.5, within(1e-9));
  }
}
