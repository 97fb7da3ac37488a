package dev.oddscache.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.CommandCounter;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.RedisClusterProcesses;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTimeTravel;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.CacheStoreContractTest;
import dev.oddscache.store.Tags;
import dev.oddscache.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract, and what only a Cluster can show, on three real masters: values of one
 * match spread over every master while its tag sets sit in one slot, and removals and SCANs that
 * must reach every master.
 */
class RedisClusterStoreTest extends CacheStoreContractTest {
  private static RedisClusterProcesses cluster;
  private static RedisConnector connector;

  private RedisStore<String> redisStore;
  private KeyLayout keys;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterProcesses.start();
    connector = RedisConnector.open(SharedRedisServer.settings(cluster.uri()));
  }

  @AfterAll
  static void stopCluster() {
    if (connector != null) {
      connector.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  protected CacheStore<String> newStore(ManualTicker ticker) {
    String name = SharedRedisServer.uniqueName();
    redisStore = new RedisStore<>(connector, ValueCodec.utf8String(), name);
    keys = new KeyLayout(connector.prefix() + ":" + name);
    return redisStore;
  }

  @Override
  protected Duration shortRetention() {
    return RedisStoreContractTest.SHORT;
  }

  /** Redis expires on its own clock: shorten every TTL on every master instead of waiting. */
  @Override
  protected void elapse(Duration amount) {
    RedisTimeTravel.elapse(cluster.nodes().stream().map(RedisServerProcess::uri).toList(), amount);
  }

  @Override
  protected void awaitExpired(String... expired) {
    for (String key : expired) {
      Poll.await(key + " expired").atMost(RedisStoreContractTest.EXPIRY_BOUND)
          .until(() -> store.get(key) == null);
    }
  }

  @Override
  protected int iterationsPerThread() {
    return 300;
  }

  @Test
  void removeTagged_valuesOnEveryMaster_areDeletedSurgically() {
    List<String> markets = List.of("1x2", "over_under_25", "btts", "corners");
    for (int i = 0; i < 60; i++) {
      store.put("odds:clasico:" + i, value("v" + i), tagged("clasico", markets.get(i % 4)), LONG);
    }
    store.put("odds:clasico:none", value("n"), Tags.of("clasico", Set.of()), LONG);
    store.put("odds:other", value("o"), tagged("derby", "1x2"), LONG);

    List<Long> valuesPerMaster = perMaster(keys.namespace() + ":v:*");
    List<Long> clasicoTagKeysPerMaster = perMaster(keys.namespace() + ":t:{clasico}*");
    assertThat(valuesPerMaster).hasSize(3).allSatisfy(n -> assertThat(n).isPositive());
    assertThat(clasicoTagKeysPerMaster).filteredOn(n -> n > 0).hasSize(1);

    assertThat(store.removeTagged("clasico", List.of("1x2", "over_under_25"))).isEqualTo(30);

    for (int i = 0; i < 60; i++) {
      boolean hit = markets.get(i % 4).equals("1x2") || markets.get(i % 4).equals("over_under_25");
      assertThat(store.get("odds:clasico:" + i)).as("key %d", i).matches(v -> (v == null) == hit);
    }
    assertThat(store.markets("clasico")).containsExactly("btts", "corners");
    assertThat(store.removeMatch("clasico")).isEqualTo(31);
    assertThat(store.get("odds:other")).isNotNull();
    assertThat(perMaster(keys.namespace() + ":t:{clasico}*")).containsOnly(0L);
  }

  @Test
  void removeAll_scansAndDeletesOnEveryMaster() {
    for (int i = 0; i < 300; i++) {
      store.put("odds:" + i, value("v"), tagged("match-" + (i % 10), "1x2", "btts"), LONG);
    }
    for (int i = 0; i < 30; i++) {
      store.put("plain:" + i, value("v"), Tags.NONE, LONG);
    }
    assertThat(perMaster(keys.namespace() + ":*")).allSatisfy(n -> assertThat(n).isPositive());

    assertThat(store.removeAll()).isEqualTo(330);

    assertThat(perMaster(keys.namespace() + ":*")).containsOnly(0L);
    assertThat(store.removeAll()).isZero();
  }

  @Test
  void get_hitOnCluster_isOneGet() {
    for (int i = 0; i < 30; i++) {
      store.put("k" + i, value("v"), tagged("m1", "1x2"), LONG);
    }
    try (CommandCounter counter = new CommandCounter(nodeUris())) {
      counter.reset();

      for (int i = 0; i < 300; i++) {
        assertThat(store.get("k" + (i % 30))).isNotNull();
      }

      assertThat(counter.calls("get")).isEqualTo(300);
      assertThat(counter.storeCommands()).isEqualTo(300);
    }
  }

  @Test
  void estimatedSize_sumsEveryMaster() {
    store.put("a", value("v"), Tags.NONE, LONG);

    assertThat(store.estimatedSize()).isPositive();
  }

  private static List<String> nodeUris() {
    return cluster.nodes().stream().map(RedisServerProcess::uri).toList();
  }

  /** How many keys match {@code pattern} on each master. */
  private static List<Long> perMaster(String pattern) {
    List<Long> counts = new ArrayList<>();
    for (String uri : nodeUris()) {
      try (RawRedis raw = new RawRedis(uri)) {
        counts.add((long) raw.sync().keys(pattern).size());
      }
    }
    return counts;
  }
}
