package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.redis.breaker.RedisPanicWindow;
import dev.oddscache.redis.internal.LuaScript;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.testing.Poll;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Scripts sent by SHA are in Redis's script cache before their first use, at start and after a
 * Redis restart, so no call meets NOSCRIPT (counted by Redis itself, {@code INFO errorstats})
 * and the health never reads DEGRADED for it.
 */
class ScriptPreloadTest {
  private static final Pattern NOSCRIPT = Pattern.compile("errorstat_NOSCRIPT:count=(\\d+)");

  @Test
  void atStartAndAfterARestart_scriptsAreLoadedBeforeTheirFirstUse() {
    try (RedisServerProcess server = RedisServerProcess.start();
        RedisConnector redis = RedisConnector.open(SharedRedisServer.settings(server.uri()))) {
      List<StoreHealth> heard = new CopyOnWriteArrayList<>();
      redis.onHealthChange(heard::add);
      RedisStore<byte[]> store = new RedisStore<>(redis, ValueCodec.bytes());
      RedisPanicWindow window = new RedisPanicWindow(redis, Duration.ofMinutes(30), "preload");
      LuaScript extra = LuaScript.bySha("return 7", ScriptOutputType.INTEGER);
      redis.preload(extra);

      awaitLoaded(server, extra);
      useScripts(store, window, 1);
      assertThat(noscriptErrors(server)).isZero();

      server.restart();
      Poll.await("reconnected and healthy").until(() -> {
        try {
          redis.call("ping", c -> c.ping());
        } catch (RuntimeException e) {
          return false;
        }
        return redis.health() == StoreHealth.HEALTHY;
      });
      awaitLoaded(server, extra);
      useScripts(store, window, 2);

      assertThat(noscriptErrors(server)).isZero();
      assertThat(redis.health()).isEqualTo(StoreHealth.HEALTHY);
      assertThat(heard).doesNotContain(StoreHealth.DEGRADED);
    }
  }

  /** A tagged put (the tag script), a tag removal (compare-and-delete, untag), a flush. */
  private static void useScripts(RedisStore<byte[]> store, RedisPanicWindow window, long second) {
    store.put("k", new StoredValue<>("v".getBytes(StandardCharsets.UTF_8), 0, 60, 0),
        Tags.of("m", Set.of("1x2")), Duration.ofMinutes(1));
    assertThat(store.removeTagged("m", List.of("1x2"))).isEqualTo(1);
    window.record(true, second);
    window.counts(second + 1);
    assertThat(window.inFallback()).isFalse();
  }

  /** Waits until Redis knows {@code extra}, preloaded last, and every script of the store. */
  private static void awaitLoaded(RedisServerProcess server, LuaScript extra) {
    try (RawRedis raw = new RawRedis(server.uri())) {
      Poll.await("scripts loaded").until(() -> raw.sync().scriptExists(extra.sha()).get(0)
          && raw.sync().info("memory").contains("number_of_cached_scripts:5"));
    }
  }

  private static long noscriptErrors(RedisServerProcess server) {
    try (RawRedis raw = new RawRedis(server.uri())) {
      Matcher m = NOSCRIPT.matcher(raw.sync().info("errorstats"));
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
  }
}
