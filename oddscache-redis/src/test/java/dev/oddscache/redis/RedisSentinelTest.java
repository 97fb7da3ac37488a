package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.store.StoreHealth;
import org.junit.jupiter.api.Test;

/** {@code redis-sentinel://} finds the master through a real Sentinel and talks to it. */
class RedisSentinelTest {

  @Test
  void connectsToTheMasterThroughSentinel() {
    try (RedisServerProcess master = RedisServerProcess.start();
        RedisServerProcess sentinel = RedisServerProcess.startSentinel(master.port());
        RedisConnector viaSentinel = RedisConnector.open(RedisSettings.custom(
            "redis-sentinel://127.0.0.1:" + sentinel.port() + "#mymaster")
            .commandTimeout(java.time.Duration.ofMillis(500)).build());
        RedisConnector direct = RedisConnector.open(RedisSettings.of(master.uri()))) {
      RedisTestSupport.warmUp(viaSentinel);

      viaSentinel.call("set", c -> c.set("through-sentinel", new byte[] {42}));
      byte[] value = direct.call("get", c -> c.get("through-sentinel"));

      assertThat(value).containsExactly(42);
      assertThat(viaSentinel.health()).isEqualTo(StoreHealth.HEALTHY);
      assertThat(viaSentinel.isCluster()).isFalse();
    }
  }

  @Test
  void badUrisAreRejectedNamingTheUri() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisSettings.of("http://nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://nope")
        .hasMessageContaining("redis-cluster://");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RedisSettings.of("redis-cluster://a:1,,b:2"))
        .hasMessageContaining("empty host");
    assertThat(RedisSettings.of("rediss://user:secret@cache.example:6380").redactedUri())
        .isEqualTo("rediss://user:***@cache.example:6380").doesNotContain("secret");
  }
}
