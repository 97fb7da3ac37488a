package dev.oddscache.redis.panic;

import static dev.oddscache.panic.PanicClock.NO_PANIC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.RedisClusterProcesses;
import dev.oddscache.redis.testing.RedisServerProcess;
import io.lettuce.core.cluster.SlotHash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The clock on a three-master Redis Cluster, for matches whose keys live on different nodes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PanicClusterTest {
  private static final long T0 = 1_767_225_600_000L;

  private RedisClusterProcesses cluster;
  private RedisConnector redisA;
  private RedisConnector redisB;

  @BeforeAll
  void startCluster() {
    cluster = RedisClusterProcesses.start();
    redisA = TestRedis.patient(cluster.uri());
    redisB = TestRedis.patient(cluster.uri());
  }

  @AfterAll
  void stopCluster() {
    try {
      redisA.close();
      redisB.close();
    } finally {
      cluster.close();
    }
  }

  @Test
  void matchesOnEveryNode_startReadRefreshAndEnd() {
    ManualTicker tickerA = new ManualTicker();
    ManualTicker tickerB = new ManualTicker();
    RedisPanicClock a = new RedisPanicClock(redisA, PanicClockConfig.ofDefaults(), tickerA);
    RedisPanicClock b = new RedisPanicClock(redisB, PanicClockConfig.ofDefaults(), tickerB);
    List<String> matches = onePerNode(a);

    for (int i = 0; i < matches.size(); i++) {
      assertThat(a.observe(matches.get(i), Status.PANIC, T0 + i)).isEqualTo(T0 + i);
    }
    for (int i = 0; i < matches.size(); i++) {
      // The hash tag is the match id: the key is in the match id's slot, on that node.
      String key = a.key(matches.get(i));
      assertThat(SlotHash.getSlot(key)).isEqualTo(SlotHash.getSlot(matches.get(i)));
      assertThat(nodeAdmin(i).sync().get(key)).isEqualTo(Long.toString(T0 + i));
      // First writer wins for the second process too.
      assertThat(b.observe(matches.get(i), Status.PANIC, T0 + 1_000 + i)).isEqualTo(T0 + i);
    }

    tickerA.advanceSeconds(61);
    assertThat(a.observe(matches.get(0), Status.PANIC, T0 + 61_000)).isEqualTo(T0);
    a.observe(matches.get(1), Status.NORMAL, T0 + 62_000);
    tickerB.advanceSeconds(2);

    assertThat(b.panicStart(matches.get(1), T0 + 63_000)).isEqualTo(NO_PANIC);
    assertThat(b.activePanics(T0 + 63_000)).containsOnly(
        Map.entry(matches.get(0), T0), Map.entry(matches.get(2), T0 + 2));
    assertThat(nodeAdmin(1).sync().exists(a.key(matches.get(1)))).isZero();
    assertThat(a.inFallback()).isFalse();
    assertThat(b.inFallback()).isFalse();
  }

  /** Three match ids whose keys hash to the slots of node 0, 1 and 2 respectively. */
  private List<String> onePerNode(RedisPanicClock clock) {
    Map<Integer, String> byNode = new LinkedHashMap<>();
    for (int n = 0; byNode.size() < 3; n++) {
      String matchId = "match-" + n;
      byNode.putIfAbsent(nodeOf(SlotHash.getSlot(clock.key(matchId))), matchId);
    }
    List<String> ids = new ArrayList<>();
    for (int node = 0; node < 3; node++) {
      ids.add(byNode.get(node));
    }
    return ids;
  }

  /** The harness gives node i the i-th third of the slots. */
  private static int nodeOf(int slot) {
    return Math.min(2, slot / (SlotHash.SLOT_COUNT / 3));
  }

  private final Map<Integer, RedisAdmin> admins = new LinkedHashMap<>();

  private RedisAdmin nodeAdmin(int node) {
    RedisServerProcess server = cluster.nodes().get(node);
    return admins.computeIfAbsent(node, n -> new RedisAdmin(server.uri()));
  }

  @AfterEach
  void closeAdmins() {
    admins.values().forEach(RedisAdmin::close);
    admins.clear();
  }
}
