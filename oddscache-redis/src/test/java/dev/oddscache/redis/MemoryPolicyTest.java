package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.breaker.RedisPanicWindow;
import dev.oddscache.redis.panic.RedisPanicClock;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.RedisFiller;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * oddscache on a Redis with a {@code maxmemory}, under the two policies docs/redis-store.md
 * recommends: {@code noeviction} (full: writes refused, reads answered, panic starts kept) and
 * {@code volatile-ttl} (the shortest-lived keys go first, the panic clock's and the breaker's
 * last). {@code allkeys-lru}, which evicts panic keys, is in {@code PanicContinuityTest}.
 */
class MemoryPolicyTest {
  private static final long T0 = 1_767_225_600_000L;

  @RegisterExtension
  final LogCapture healthLog = LogCapture.of(RedisHealthTracker.class);

  private final ManualTicker ticker = new ManualTicker(Instant.ofEpochMilli(T0));

  @Test
  void noevictionFull_writesFail_readsServe_degradedOnce_panicStartKept_thenHealthyAgain() {
    try (RedisServerProcess server = RedisServerProcess.start(
            List.of("--maxmemory-policy", "noeviction"));
        RedisConnector redis = RedisConnector.open(SharedRedisServer.settings(server.uri()));
        RedisFiller filler = new RedisFiller(server.uri())) {
      List<StoreHealth> heard = new CopyOnWriteArrayList<>();
      redis.onHealthChange(heard::add);
      RedisStore<byte[]> store = new RedisStore<>(redis, ValueCodec.bytes());
      RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
      assertThat(clock.observe("m", Status.PANIC, T0)).isEqualTo(T0);
      store.put("cached", value(), Tags.NONE, Duration.ofMinutes(10));

      filler.makeFull();
      for (int i = 0; i < 20; i++) {
        assertThatThrownBy(() -> store.put("new", value(), Tags.of("m", Set.of("1x2")),
            Duration.ofMinutes(10))).isInstanceOf(StoreException.class).hasMessageContaining("OOM");
        assertThat(store.get("cached")).isNotNull();
        ticker.advanceSeconds(1);
        assertThat(clock.observe("m", Status.PANIC, ticker.epochMillis())).isEqualTo(T0);
        assertThat(redis.health()).isEqualTo(StoreHealth.DEGRADED);
      }
      assertThat(clock.inFallback()).isFalse();
      assertThat(heard).containsExactly(StoreHealth.DEGRADED);
      assertThat(healthLog.lines(Level.WARN)).containsExactly(
          "WARN redis unhealthy, using fallbacks");

      filler.makeRoom();
      store.put("new", value(), Tags.NONE, Duration.ofMinutes(10));

      assertThat(redis.health()).isEqualTo(StoreHealth.HEALTHY);
      assertThat(heard).containsExactly(StoreHealth.DEGRADED, StoreHealth.HEALTHY);
      assertThat(healthLog.lines(Level.WARN)).containsExactly(
          "WARN redis unhealthy, using fallbacks", "WARN redis healthy again");
      assertThat(healthLog.events(Level.WARN).get(1).getKeyValuePairs())
          .anySatisfy(kv -> assertThat(kv.key + "=" + kv.value).isEqualTo("failedCommands=20"));
    }
  }

  @Test
  void volatileTtl_evictsShortLivedValuesFirst_panicAndBreakerKeysSurvive() {
    try (RedisServerProcess server = RedisServerProcess.start(
            List.of("--maxmemory", "4mb", "--maxmemory-policy", "volatile-ttl"));
        RedisConnector redis = RedisConnector.open(SharedRedisServer.settings(server.uri()));
        RedisFiller filler = new RedisFiller(server.uri());
        RawRedis raw = new RawRedis(server.uri())) {
      RedisStore<byte[]> store = new RedisStore<>(redis, ValueCodec.bytes());
      RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
      RedisPanicWindow window = new RedisPanicWindow(redis, Duration.ofMinutes(30), "policy");
      clock.observe("m", Status.PANIC, T0);
      clock.observe("ended", Status.PANIC, T0);
      clock.observe("ended", Status.NORMAL, T0 + 1_000);
      window.record(true, T0 / 1000);
      window.counts(T0 / 1000 + 1);
      for (int i = 0; i < 200; i++) {
        store.put("v" + i, value(), Tags.of("m", Set.of("1x2")), Duration.ofMinutes(10));
      }

      // Values of the cache and other keys with the same ten-minute retention, until Redis has
      // evicted more keys than the store wrote.
      filler.fillUntilEvicted(1_000, Duration.ofMinutes(10));

      assertThat(raw.sync().get(clock.key("m"))).asString(StandardCharsets.US_ASCII)
          .isEqualTo(Long.toString(T0));
      assertThat(raw.sync().exists(clock.endKey("ended"))).isEqualTo(1);
      assertThat(raw.sync().exists(redis.prefix() + ":breaker:{policy}")).isEqualTo(1);
      ticker.advanceSeconds(1);
      assertThat(clock.observe("m", Status.PANIC, T0 + 60_000)).isEqualTo(T0);
      assertThat(clock.lostStarts()).isZero();
      assertThat(redis.health()).isEqualTo(StoreHealth.HEALTHY);
    }
  }

  private static StoredValue<byte[]> value() {
    return new StoredValue<>(new byte[2048], T0, 60, 0);
  }
}
