package dev.oddscache.redis.testing;

import dev.oddscache.testing.Poll;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Redis Cluster of three masters (no replicas) built from {@link RedisServerProcess}es: slots
 * split in three, nodes introduced with CLUSTER MEET, ready once every node reports
 * {@code cluster_state:ok}.
 */
public final class RedisClusterProcesses implements AutoCloseable {
  private static final int SLOTS = 16384;
  private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

  private static final List<String> CLUSTER_ARGS = List.of("--cluster-enabled", "yes",
      "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000");

  private final List<RedisServerProcess> nodes = new ArrayList<>();
  /** What the TLS nodes were started with; null for plain nodes. */
  private final TestCertificates certificates;

  private RedisClusterProcesses(TestCertificates certificates) {
    this.certificates = certificates;
  }

  public static RedisClusterProcesses start() {
    RedisClusterProcesses cluster = new RedisClusterProcesses(null);
    try {
      for (int i = 0; i < 3; i++) {
        cluster.nodes.add(RedisServerProcess.start(CLUSTER_ARGS));
      }
      cluster.form();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /**
   * Three TLS-only masters from {@code binary} (see {@link RedisServerProcess#startTls}), the
   * cluster bus on TLS too, formed by a client that trusts the CA of {@code certificates} and
   * presents their client certificate, for nodes whose {@code tlsArgs} demand one.
   */
  public static RedisClusterProcesses startTls(Path binary, List<String> tlsArgs,
      TestCertificates certificates) {
    RedisClusterProcesses cluster = new RedisClusterProcesses(certificates);
    List<String> args = new ArrayList<>(tlsArgs);
    args.addAll(CLUSTER_ARGS);
    args.addAll(List.of("--tls-cluster", "yes"));
    try {
      for (int i = 0; i < 3; i++) {
        cluster.nodes.add(RedisServerProcess.startTls(binary, args));
      }
      cluster.form();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}, {@code rediss-} for TLS. */
  public String uri() {
    return (certificates == null ? "redis" : "rediss") + "-cluster://"
        + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
  }

  public List<RedisServerProcess> nodes() {
    return nodes;
  }

  private void form() {
    RedisClient client = RedisClient.create();
    if (certificates != null) {
      client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
          .trustManager(certificates.ca().toFile())
          .keyManager(certificates.clientCertificate().toFile(),
              certificates.clientKey().toFile(), null)
          .build()).build());
    }
    try {
      List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
      for (RedisServerProcess node : nodes) {
        connections.add(client.connect(RedisURI.create(node.uri())));
      }
      int perNode = SLOTS / nodes.size();
      for (int i = 0; i < nodes.size(); i++) {
        int from = i * perNode;
        int to = i == nodes.size() - 1 ? SLOTS - 1 : from + perNode - 1;
        int[] slots = new int[to - from + 1];
        for (int s = 0; s < slots.length; s++) {
          slots[s] = from + s;
        }
        connections.get(i).sync().clusterAddSlots(slots);
      }
      RedisCommands<String, String> first = connections.get(0).sync();
      for (int i = 1; i < nodes.size(); i++) {
        first.clusterMeet("127.0.0.1", nodes.get(i).port());
      }
      // Cluster formation is gossip between external processes: poll their state, bounded.
      try {
        Poll.await("cluster formed").atMost(FORM_TIMEOUT).until(() -> connections.stream()
            .allMatch(c -> c.sync().clusterInfo().contains("cluster_state:ok")
                && c.sync().clusterNodes().lines().count() == nodes.size()));
      } catch (ConditionTimeoutException e) {
        throw new IllegalStateException("cluster did not form within " + FORM_TIMEOUT + ": "
            + connections.get(0).sync().clusterInfo() + "\n"
            + connections.get(0).sync().clusterNodes(), e);
      }
      connections.forEach(StatefulRedisConnection::close);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  @Override
  public void close() {
    nodes.forEach(RedisServerProcess::stop);
  }
}
