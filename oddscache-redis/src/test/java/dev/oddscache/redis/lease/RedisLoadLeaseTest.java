package dev.oddscache.redis.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two caches with their own Redis connections and leases stand for two processes; they share one
 * store, as processes share Redis. One cold key, one load across both.
 */
class RedisLoadLeaseTest {
  private static RedisServerProcess server;
  private RedisConnector redisA;
  private RedisConnector redisB;
  private final CacheStore<String> shared = new InMemoryStore<>(Ticker.system());
  private final MatchContext ctx =
      MatchContext.builder("rma-fcb").markets("1x2").status(Status.NORMAL).build();

  @BeforeAll
  static void startRedis() {
    server = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    server.close();
  }

  @BeforeEach
  void connect() {
    // The lease, not the timeout, is the subject: a loaded build machine once pushed a SET NX past
    // the 50 ms default, the lease failed open and both processes loaded.
    RedisSettings settings = RedisSettings.from(SharedRedisServer.settings(server.uri()))
        .prefix("lease-test").build();
    redisA = RedisConnector.open(settings);
    redisB = RedisConnector.open(settings);
    RedisTestSupport.warmUp(redisA);
    RedisTestSupport.warmUp(redisB);
    redisA.call("flush", c -> c.flushall());
  }

  @AfterEach
  void disconnect() {
    redisA.close();
    redisB.close();
  }

  private OddsCache<String> process(RedisConnector redis, RedisLoadLease lease, Duration wait) {
    return OddsCache.<String>builder()
        .store(shared)
        .loadLease(lease)
        .config(OddsCacheConfig.custom().leaseWait(wait).leaseTime(Duration.ofSeconds(10)).build())
        .build();
  }

  @Test
  void twoProcessesOneLoad() throws Exception {
    RedisLoadLease leaseA = new RedisLoadLease(redisA);
    RedisLoadLease leaseB = new RedisLoadLease(redisB);
    OddsCache<String> a = process(redisA, leaseA, Duration.ofSeconds(5));
    OddsCache<String> b = process(redisB, leaseB, Duration.ofSeconds(5));
    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<String> backend = new CompletableFuture<>();

    CompletableFuture<CacheResult<String>> first = a.getAsync("cold", ctx, k -> {
      loads.incrementAndGet();
      return backend;
    });
    CompletableFuture<CacheResult<String>> second = b.getAsync("cold", ctx, k -> {
      loads.incrementAndGet();
      return CompletableFuture.completedFuture("from-b");
    });
    backend.complete("from-a");

    assertThat(first.get(10, TimeUnit.SECONDS).value()).isEqualTo("from-a");
    assertThat(second.get(10, TimeUnit.SECONDS).value()).isEqualTo("from-a");
    assertThat(loads).hasValue(1);
    assertThat(leaseA.granted()).isEqualTo(1);
    assertThat(leaseB.refused()).isEqualTo(1);
    byte[] lease = redisA.call("get", c -> c.get("lease-test:lease:{cold}"));
    assertThat(lease).as("released after the load").isNull();
  }

  @Test
  void whenTheHolderNeverDeliversTheOtherLoadsAfterLeaseWait() throws Exception {
    RedisLoadLease leaseA = new RedisLoadLease(redisA);
    RedisLoadLease leaseB = new RedisLoadLease(redisB);
    OddsCache<String> a = process(redisA, leaseA, Duration.ofMillis(200));
    OddsCache<String> b = process(redisB, leaseB, Duration.ofMillis(200));

    a.getAsync("stuck", ctx, k -> new CompletableFuture<>());
    CacheResult<String> result = b.getAsync("stuck", ctx,
        k -> CompletableFuture.completedFuture("from-b")).get(10, TimeUnit.SECONDS);

    assertThat(result.value()).isEqualTo("from-b");
    assertThat(leaseB.refused()).isEqualTo(1);
  }

  @Test
  void redisDownGrantsTheLease() {
    RedisConnector down =
        RedisConnector.open(RedisSettings.custom().uri("redis://127.0.0.1:1").build());
    try {
      RedisLoadLease lease = new RedisLoadLease(down);
      assertThat(lease.tryAcquire("k", Duration.ofSeconds(1))).isTrue();
      assertThat(lease.failedOpen()).isEqualTo(1);
    } finally {
      down.close();
    }
  }
}
