package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.redis.testing.RedisClusterProcesses;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.StoreHealth;
import org.junit.jupiter.api.Test;

/** The harness itself: a real server starts, answers, stops and comes back; a cluster forms. */
class RedisServerProcessTest {

  @Test
  void standaloneStartsAnswersAndRestarts() {
    try (RedisServerProcess server = RedisServerProcess.start();
        RedisConnector redis = RedisConnector.open(SharedRedisServer.settings(server.uri()))) {
      redis.call("set", c -> c.set("k", new byte[] {1}));
      byte[] value = redis.call("get", c -> c.get("k"));
      assertThat(value).containsExactly(1);
      assertThat(redis.health()).isEqualTo(StoreHealth.HEALTHY);

      server.restart();

      assertThat(server.isRunning()).isTrue();
    }
  }

  @Test
  void clusterOfThreeMastersForms() {
    try (RedisClusterProcesses cluster = RedisClusterProcesses.start();
        RedisConnector redis = RedisConnector.open(SharedRedisServer.settings(cluster.uri()))) {
      assertThat(redis.isCluster()).isTrue();
      for (int i = 0; i < 20; i++) {
        String key = "key-" + i;
        redis.call("set", c -> c.set(key, new byte[] {(byte) 7}));
      }
      byte[] value = redis.call("get", c -> c.get("key-13"));
      assertThat(value).containsExactly(7);
    }
  }
}
