package dev.oddscache.redis.panic;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One process of {@link PanicFirstWriterAcrossProcessesTest}: signals readiness, waits for the
 * test's go, then releases its threads together through a {@link CyclicBarrier}; each observes
 * the first PANIC of the same match with its own instant. Prints {@code offered <millis>} and
 * {@code start <millis>} per thread, then {@code fallback <bool>}.
 *
 * <p>Arguments: redis URI, match id, child index, threads, base instant (epoch millis).
 */
public final class FirstWriterChild {
  static final String READY = "first-writer:ready";
  static final String GO = "first-writer:go";
  static final long WAIT_SECONDS = 30;

  private FirstWriterChild() {}

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String matchId = args[1];
    int child = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    long base = Long.parseLong(args[4]);

    RedisClient barrierClient = RedisClient.create(uri);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (RedisConnector redis = TestRedis.patient(uri);
        StatefulRedisConnection<String, String> barrier = barrierClient.connect()) {
      RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(),
          new ManualTicker());
      // The main thread is a party too: the workers wait at the barrier until the go arrives.
      CyclicBarrier together = new CyclicBarrier(threads + 1);
      List<Future<Long>> starts = new ArrayList<>();
      List<Long> offered = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        // Distinct instants per thread and process, so the test can tell who won.
        long now = base + child * 1_000L + t;
        offered.add(now);
        starts.add(pool.submit(() -> {
          together.await(WAIT_SECONDS, TimeUnit.SECONDS);
          return clock.observe(matchId, Status.PANIC, now);
        }));
      }

      barrier.sync().rpush(READY, Integer.toString(child));
      KeyValue<String, String> go = barrier.sync().blpop(WAIT_SECONDS, GO);
      if (go == null) {
        System.err.println("no go within " + WAIT_SECONDS + " s");
        System.exit(2);
      }
      together.await(WAIT_SECONDS, TimeUnit.SECONDS);
      for (int t = 0; t < threads; t++) {
        System.out.println("offered " + offered.get(t));
        System.out.println("start " + starts.get(t).get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      System.out.println("fallback " + clock.inFallback());
    } finally {
      pool.shutdownNow();
      barrierClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
    System.exit(0);
  }
}
