package dev.oddscache.redis.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.breaker.RedisPanicWindow;
import dev.oddscache.redis.panic.RedisPanicClock;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.redis.testing.Measurements;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Redis dies in the middle of concurrent traffic through a real OddsCache on Redis (store, panic
 * clock, breaker window) and comes back. No request fails because of the cache, the fallbacks
 * are flagged while it is away, and everything resynchronises without a restart.
 */
class RedisOutageUnderLoadTest {
  private static final int THREADS = 8;
  private static final int REQUESTS_PER_THREAD = 600;
  private static final long LOAD_MILLIS = 5;
  private static final Duration TIMEOUT = Duration.ofMillis(50);

  @Test
  void redisDownMidLoad_zeroFailures_thenResyncs() throws Exception {
    ScheduledExecutorService backend = Executors.newScheduledThreadPool(2);
    try (RedisServerProcess redis = RedisServerProcess.start();
        RedisConnector connector = RedisConnector.open(
            RedisSettings.custom().uri(redis.uri()).commandTimeout(TIMEOUT).build())) {
      RedisTestSupport.warmUp(connector);
      RedisPanicClock clock =
          new RedisPanicClock(connector, PanicClockConfig.ofDefaults(), Ticker.system());
      RedisPanicWindow window =
          new RedisPanicWindow(connector, BreakerConfig.ofDefaults().window(), "fault");
      OddsCache<String> cache = OddsCache.<String>builder()
          .store(new RedisStore<>(connector, ValueCodec.utf8String()))
          .panicClock(clock)
          .panicWindow(window)
          .build();

      int total = THREADS * REQUESTS_PER_THREAD;
      CountDownLatch thirdDone = new CountDownLatch(total / 3);
      CountDownLatch twoThirdsDone = new CountDownLatch(2 * total / 3);
      AtomicInteger failures = new AtomicInteger();
      AtomicLong worstNanos = new AtomicLong();
      AtomicLong worstDuringOutageNanos = new AtomicLong();
      AtomicBoolean outage = new AtomicBoolean();
      AtomicBoolean fallbackSeen = new AtomicBoolean();
      AtomicBoolean clockFallbackSeen = new AtomicBoolean();
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Thread worker = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
              String match = "match-" + (i % 4);
              MatchContext ctx = MatchContext.builder(match).competition("Ligue 1")
                  .markets("1x2").status(i % 3 == 0 ? Status.PANIC : Status.NORMAL).build();
              long t0 = System.nanoTime();
              try {
                CacheResult<String> r = cache.getAsync("key-" + ((thread * 7 + i) % 50), ctx,
                    k -> {
                      CompletableFuture<String> f = new CompletableFuture<>();
                      backend.schedule(() -> f.complete("v-" + k), LOAD_MILLIS,
                          TimeUnit.MILLISECONDS);
                      return f;
                    }).get(10, TimeUnit.SECONDS);
                if (r.value() == null) {
                  failures.incrementAndGet();
                }
              } catch (Exception e) {
                failures.incrementAndGet();
              }
              long took = System.nanoTime() - t0;
              worstNanos.accumulateAndGet(took, Math::max);
              if (outage.get()) {
                worstDuringOutageNanos.accumulateAndGet(took, Math::max);
                if (cache.store().health() != StoreHealth.HEALTHY) {
                  fallbackSeen.set(true);
                }
                if (clock.inFallback()) {
                  clockFallbackSeen.set(true);
                }
              }
              thirdDone.countDown();
              twoThirdsDone.countDown();
            }
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }, "load-" + t);
        threads.add(worker);
        worker.start();
      }

      assertThat(thirdDone.await(60, TimeUnit.SECONDS)).isTrue();
      redis.stop();
      outage.set(true);
      assertThat(twoThirdsDone.await(60, TimeUnit.SECONDS)).isTrue();
      redis.restart();
      outage.set(false);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }

      assertThat(failures).as("failed requests").hasValue(0);
      assertThat(fallbackSeen).as("store fallback flagged during the outage").isTrue();
      assertThat(clockFallbackSeen).as("panic clock fallback flagged during the outage").isTrue();

      // Back without a restart: Lettuce reconnects, health returns, the shared parts answer again.
      Poll.await("Redis back: healthy, a write answered, the clock online")
          .atMost(Duration.ofSeconds(30))
          .until(() -> cache.store().health() == StoreHealth.HEALTHY
              && cache.getAsync("after", MatchContext.builder("match-0").markets("1x2")
                  .status(Status.PANIC).build(), k -> CompletableFuture.completedFuture("fresh"))
                  .get(5, TimeUnit.SECONDS).value().equals("fresh") && !clock.inFallback());
      assertThat(cache.store().health()).isEqualTo(StoreHealth.HEALTHY);
      assertThat(cache.store().get("after")).as("writes reach Redis again").isNotNull();
      assertThat(clock.inFallback()).isFalse();
      assertThat(clock.panicStart("match-0", System.currentTimeMillis()))
          .as("the panic is in Redis again after resync").isPositive();

      long worstMillis = worstNanos.get() / 1_000_000;
      long worstOutageMillis = worstDuringOutageNanos.get() / 1_000_000;
      Measurements.record("RedisOutageUnderLoadTest", total + " requests on " + THREADS
          + " threads, load " + LOAD_MILLIS + " ms, command timeout " + TIMEOUT.toMillis()
          + " ms: 0 failed; worst latency overall " + worstMillis + " ms, while Redis was down "
          + worstOutageMillis + " ms; connector fallbacks " + connector.fallbacks());
      // Each Redis call on the path is bounded by the timeout; a request makes at most three
      // (clock, read, write) before its answer, plus its load. Generous margin for a loaded CI box.
      assertThat(worstOutageMillis).isLessThan(3 * TIMEOUT.toMillis() + LOAD_MILLIS + 500);
    } finally {
      backend.shutdownNow();
    }
  }
}
