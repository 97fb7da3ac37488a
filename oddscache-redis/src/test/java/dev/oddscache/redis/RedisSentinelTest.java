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
        RedisConnector viaSentinel = RedisConnector.open(RedisSettings.custom().uri(
            "redis-sentinel://127.0.0.1:" + sentinel.port() + "#mymaster")
            .commandTimeout(java.time.Duration.ofMillis(500)).build());
        RedisConnector direct =
            RedisConnector.open(RedisSettings.custom().uri(master.uri()).build())) {
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
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RedisSettings.custom().uri("http://nope").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://nope")
        .hasMessageContaining("redis-cluster://");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RedisSettings.custom().uri("redis-cluster://a:1,,b:2").build())
        .hasMessageContaining("empty host");
    assertThat(RedisSettings.custom().uri("rediss://user:secret@cache.example:6380").build()
            .redactedUri())
        .isEqualTo("rediss://user:***@cache.example:6380").doesNotContain("secret");
  }
}
