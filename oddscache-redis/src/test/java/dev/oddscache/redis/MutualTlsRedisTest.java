package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.redis.testing.ConnectWarnings;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.redis.testing.TestCertificates;
import dev.oddscache.redis.testing.TlsChecks;
import dev.oddscache.redis.testing.TlsRedis;
import dev.oddscache.store.StoreHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS against a real TLS-only Redis with its default {@code tls-auth-clients yes}: with the
 * private CA and a client certificate that CA signed, the store, the panic clock and pub/sub work;
 * without a client certificate the connection fails saying which settings to set, and the cache
 * still serves; a client certificate from another CA is refused, naming its file.
 *
 * <p>Same machine needs and skip rules as {@link TlsRedisTest}.
 */
class MutualTlsRedisTest {

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static RedisServerProcess server;

  /** Per test, so that a skip carries its message (see {@link TlsRedisTest}). */
  @BeforeEach
  void startRedisDemandingClientCertificatesOnce() {
    TlsRedis.requireTools();
    if (server == null) {
      certificates = TestCertificates.create(dir);
      server = TlsRedis.start(() -> RedisServerProcess.startTls(TlsRedis.REDIS_SERVER,
          certificates.redisServerArgsDemandingClientCertificates()));
    }
  }

  @AfterAll
  static void stopRedis() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void withAClientCertificate_storeRoundTrips() {
    try (RedisConnector redis = openWithClientCertificate()) {
      TlsChecks.storeRoundTrips(redis, "mtls");
    }
  }

  @Test
  void withAClientCertificate_panicClockIsShared() {
    TlsChecks.panicClockIsShared(MutualTlsRedisTest::openWithClientCertificate, "mtls-match");
  }

  /** Pub/sub (the near cache's invalidations) runs on a connection of its own. */
  @Test
  void withAClientCertificate_pubSubCrossesMutualTls() throws Exception {
    TlsChecks.pubSubCrosses(MutualTlsRedisTest::openWithClientCertificate, "mtls-channel");
  }

  @Test
  void withoutAClientCertificate_connectionFailsSayingWhatToSet_andTheCacheStillServes() {
    try (ConnectWarnings warnings = ConnectWarnings.capture();
        RedisConnector redis = RedisConnector.open(RedisSettings.custom().uri(server.uri())
            .tlsCaCertificate(certificates.ca()).build())) {
      assertThat(redis.isConnected()).isFalse();
      assertThat(redis.health()).isEqualTo(StoreHealth.FALLBACK);
      // open() makes the first attempt itself, so its warning is already logged.
      assertThat(warnings.errors()).anySatisfy(error -> assertThat(error)
          .startsWith("TLS: the server demands a client certificate")
          .contains("set tlsClientCertificate and tlsClientKey (server: redis.tlsClientCert and"
              + " redis.tlsClientKey, or --redis-tls-client-cert and --redis-tls-client-key)")
          .contains("certificate_required"));

      OddsCache<String> cache = OddsCache.<String>builder()
          .store(new RedisStore<>(redis, ValueCodec.utf8String(), "mtls-refused"))
          .build();

      assertThat(cache.get("odds:clasico", MatchContext.none(), k -> "loaded").value())
          .as("served from the loader while Redis refuses the connection").isEqualTo("loaded");
    }
  }

  @Test
  void aClientCertificateFromAnotherCa_isRefusedNamingItsFile() throws Exception {
    TestCertificates other = TestCertificates.create(Files.createDirectories(dir.resolve("other")));

    try (ConnectWarnings warnings = ConnectWarnings.capture();
        RedisConnector redis = RedisConnector.open(RedisSettings.custom().uri(server.uri())
            .tlsCaCertificate(certificates.ca())
            .tlsClientCertificate(other.clientCertificate(), other.clientKey()).build())) {
      assertThat(redis.isConnected()).isFalse();
      assertThat(warnings.errors()).anySatisfy(error -> assertThat(error)
          .startsWith("TLS: the server refused the client certificate in tlsClientCertificate '"
              + other.clientCertificate() + "': it is not signed by a CA the server trusts")
          .contains("unknown_ca"));
    }
  }

  // -----------------------------------------------------------------------------------------------

  private static RedisConnector openWithClientCertificate() {
    RedisConnector redis = RedisConnector.open(RedisSettings.custom().uri(server.uri())
        .commandTimeout(SharedRedisServer.COMMAND_TIMEOUT)
        .tlsCaCertificate(certificates.ca())
        .tlsClientCertificate(certificates.clientCertificate(), certificates.clientKey())
        .build());
    RedisTestSupport.warmUp(redis);
    return redis;
  }
}
