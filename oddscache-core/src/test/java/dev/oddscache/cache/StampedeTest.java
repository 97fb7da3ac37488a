package dev.oddscache.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/** 1,000 concurrent requests on one cold key make exactly one load. */
class StampedeTest {
  private static final int THREADS = 1_000;

  @Test
  void thousandThreadsOnOneColdKey_makeOneLoad() throws Exception {
    OddsCache<String> cache = OddsCache.<String>builder().build();
    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<String> backend = new CompletableFuture<>();
    AsyncLoader<String> loader = k -> {
      loads.incrementAndGet();
      return backend;
    };
    MatchContext ctx = MatchContext.builder("rma-fcb").markets("1x2").status(Status.NORMAL).build();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    CountDownLatch asked = new CountDownLatch(THREADS);
    AtomicReferenceArray<CompletableFuture<CacheResult<String>>> results =
        new AtomicReferenceArray<>(THREADS);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      int n = i;
      Thread t = new Thread(() -> {
        try {
          start.await();
          results.set(n, cache.getAsync("cold", ctx, loader));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        } finally {
          asked.countDown();
        }
      });
      threads.add(t);
      t.start();
    }
    assertThat(asked.await(60, TimeUnit.SECONDS)).isTrue();
    backend.complete("value");
    for (Thread t : threads) {
      t.join();
    }

    assertThat(loads).hasValue(1);
    for (int i = 0; i < THREADS; i++) {
      assertThat(results.get(i).get(10, TimeUnit.SECONDS).value()).isEqualTo("value");
    }
    assertThat(cache.stats().toMap()).containsEntry("total_requests", (long) THREADS);
  }

  @Test
  void thousandThreadsWithTheSyncApi_makeOneLoad() throws Exception {
    OddsCache<String> cache = OddsCache.<String>builder().build();
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch loaderEntered = new CountDownLatch(1);
    CountDownLatch releaseLoader = new CountDownLatch(1);
    Loader<String> loader = k -> {
      loads.incrementAndGet();
      loaderEntered.countDown();
      releaseLoader.await();
      return "value";
    };
    MatchContext ctx = MatchContext.builder("rma-fcb").markets("1x2").status(Status.NORMAL).build();
    CyclicBarrier start = new CyclicBarrier(THREADS + 1);
    AtomicInteger served = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Thread t = new Thread(() -> {
        try {
          start.await();
          if (cache.get("cold", ctx, loader).value().equals("value")) {
            served.incrementAndGet();
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      threads.add(t);
      t.start();
    }
    start.await();
    assertThat(loaderEntered.await(60, TimeUnit.SECONDS)).isTrue();
    // Every other thread either joins the in-flight load or, if it arrives after it finished,
    // gets a fresh hit: either way no second load.
    releaseLoader.countDown();
    for (Thread t : threads) {
      t.join();
    }

    assertThat(loads).hasValue(1);
    assertThat(served).hasValue(THREADS);
  }
}
