package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.redis.testing.RedisClusterProcesses;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.redis.testing.TestCertificates;
import dev.oddscache.redis.testing.TlsRedis;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private CA, and the client certificate where servers demand one, reach every connection of
 * the other topologies: {@code rediss-sentinel://} (the Sentinel and the master it names, both
 * TLS only) and {@code rediss-cluster://} (three TLS masters behind a single seed, keys spread
 * over all of them, so the connections Lettuce opens to the nodes it discovers trust the CA and
 * present the certificate too). Same machine needs and skip rules as {@link TlsRedisTest}.
 */
class TlsRedisTopologyTest {
  private static final Tags TAGS = Tags.of("clasico", Set.of("1x2"));

  @TempDir static Path dir;
  private static TestCertificates certificates;

  /** Per test, so that a skip carries its message (see {@link TlsRedisTest}). */
  @BeforeEach
  void makeCertificatesOnce() {
    TlsRedis.requireTools();
    if (certificates == null) {
      certificates = TestCertificates.create(dir);
    }
  }

  @Test
  void sentinel_findsTheMasterAndTalksToItOverTls() {
    sentinelCarriesTheStore(certificates.redisServerArgs(), false, "tls");
  }

  @Test
  void cluster_spreadsKeysOverEveryTlsNode() {
    clusterSpreadsKeysOverEveryNode(certificates.redisServerArgs(), false, "tls");
  }

  /** Every process demands client certificates: Redis's default, {@code tls-auth-clients yes}. */
  @Test
  void sentinel_withClientCertificates_presentsOneToTheSentinelAndTheMaster() {
    sentinelCarriesTheStore(certificates.redisServerArgsDemandingClientCertificates(), true,
        "mtls");
  }

  /**
   * Every node demands client certificates, from clients and (always, on the TLS cluster bus)
   * from each other; keys on all three masters, so every node Lettuce discovers got the
   * certificate.
   */
  @Test
  void cluster_withClientCertificates_presentsOneToEveryNode() {
    clusterSpreadsKeysOverEveryNode(certificates.redisServerArgsDemandingClientCertificates(),
        true, "mtls");
  }

  /** A value written through a TLS Sentinel is read from its TLS master. */
  private static void sentinelCarriesTheStore(
      List<String> serverArgs, boolean clientCertificate, String prefix) {
    try (RedisServerProcess master = TlsRedis.start(() -> RedisServerProcess.startTls(
            TlsRedis.REDIS_SERVER, serverArgs));
        RedisServerProcess sentinel = TlsRedis.start(() -> RedisServerProcess.startTlsSentinel(
            TlsRedis.REDIS_SERVER, serverArgs, master.port()));
        RedisConnector viaSentinel = open("rediss-sentinel://127.0.0.1:" + sentinel.port()
            + "#mymaster", clientCertificate);
        RedisConnector direct = open(master.uri(), clientCertificate)) {
      new RedisStore<>(viaSentinel, ValueCodec.utf8String(), prefix).put("odds:clasico",
          fresh("2.10"), TAGS, Duration.ofHours(1));

      StoredValue<String> read =
          new RedisStore<>(direct, ValueCodec.utf8String(), prefix).get("odds:clasico");

      assertThat(read.value()).as("written through Sentinel, read from the master")
          .isEqualTo("2.10");
      assertThat(viaSentinel.health()).isEqualTo(StoreHealth.HEALTHY);
    }
  }

  /** Twenty matches through a 3-master TLS cluster: their keys hash to slots on every master. */
  private static void clusterSpreadsKeysOverEveryNode(
      List<String> serverArgs, boolean clientCertificate, String prefix) {
    try (RedisClusterProcesses cluster = TlsRedis.start(() -> RedisClusterProcesses.startTls(
            TlsRedis.REDIS_SERVER, serverArgs, certificates));
        RedisConnector redis = open(
            "rediss-cluster://127.0.0.1:" + cluster.nodes().get(0).port(), clientCertificate)) {
      assertThat(cluster.uri()).startsWith("rediss-cluster://");
      assertThat(redis.isCluster()).isTrue();
      RedisStore<String> store = new RedisStore<>(redis, ValueCodec.utf8String(), prefix);

      for (int i = 0; i < 20; i++) {
        store.put("odds:m" + i, fresh("v" + i), Tags.of("m" + i, Set.of("1x2")),
            Duration.ofHours(1));
      }

      for (int i = 0; i < 20; i++) {
        assertThat(store.get("odds:m" + i).value()).isEqualTo("v" + i);
      }
      for (RedisServerProcess node : cluster.nodes()) {
        try (RedisConnector one = open(node.uri(), clientCertificate)) {
          long keys = one.call("dbsize", c -> c.dbsize());
          assertThat(keys).as("keys on %s", node.uri()).isPositive();
        }
      }
      assertThat(redis.health()).isEqualTo(StoreHealth.HEALTHY);
    }
  }

  private static RedisConnector open(String uri, boolean clientCertificate) {
    RedisSettings.Builder settings = RedisSettings.custom().uri(uri)
        .commandTimeout(SharedRedisServer.COMMAND_TIMEOUT)
        .tlsCaCertificate(certificates.ca());
    if (clientCertificate) {
      settings.tlsClientCertificate(certificates.clientCertificate(), certificates.clientKey());
    }
    RedisConnector redis = RedisConnector.open(settings.build());
    RedisTestSupport.warmUp(redis);
    return redis;
  }

  private static StoredValue<String> fresh(String value) {
    return new StoredValue<>(value, System.currentTimeMillis(), 60, 1_000L);
  }
}
