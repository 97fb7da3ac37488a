package dev.oddscache.bench;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1,000 concurrent requests on one cold key must make exactly one load. Each
 * invocation releases 1,000 threads, parked on a latch, onto a key never read before, through
 * the synchronous {@link OddsCache#get}; the loader takes 20 ms, so every request arrives while
 * the load is in flight. The time is that of the whole stampede; the counters are what the
 * runner reports (requests and loads, summed over invocations).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(1)
@Threads(1)
public class StampedeBenchmark {

  @State(Scope.Benchmark)
  public static class Stampede {
    @Param({"1000"})
    public int requests;

    final AtomicLong loads = new AtomicLong();
    final AtomicLong keys = new AtomicLong();
    final MatchContext context = MatchContext.builder("stampede").competition("Ligue 1")
        .markets("1x2").build();
    OddsCache<String> cache;
    ExecutorService pool;

    @Setup(Level.Trial)
    public void start() {
      cache = OddsCache.<String>builder().build();
      pool = Executors.newFixedThreadPool(requests);
    }

    @TearDown(Level.Trial)
    public void stop() {
      pool.shutdownNow();
      cache.close();
    }
  }

  /** Totals over the iteration, reported by JMH as secondary results. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Counts {
    public long stampedeRequests;
    public long stampedeLoads;
    public long stampedesWithMoreThanOneLoad;
  }

  @Benchmark
  public long stampede(Stampede s, Counts counts) throws Exception {
    String key = "cold:" + s.keys.incrementAndGet();
    long before = s.loads.get();
    CountDownLatch go = new CountDownLatch(1);
    Future<?>[] calls = new Future<?>[s.requests];
    for (int i = 0; i < s.requests; i++) {
      calls[i] = s.pool.submit(() -> {
        go.await();
        CacheResult<String> r = s.cache.get(key, s.context, k -> {
          s.loads.incrementAndGet();
          Thread.sleep(20);
          return "value of " + k;
        });
        return r.value();
      });
    }
    go.countDown();
    for (Future<?> call : calls) {
      call.get(30, TimeUnit.SECONDS);
    }
    long loads = s.loads.get() - before;
    counts.stampedeRequests += s.requests;
    counts.stampedeLoads += loads;
    if (loads != 1) {
      counts.stampedesWithMoreThanOneLoad++;
    }
    return loads;
  }
}
