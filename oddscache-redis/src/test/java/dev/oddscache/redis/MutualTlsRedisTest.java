package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.panic.RedisPanicClock;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.redis.testing.ConnectWarnings;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.redis.testing.TestCertificates;
import dev.oddscache.redis.testing.TlsRedis;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  private static final long T0 = 1_767_225_600_000L;

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
      RedisStore<String> store = new RedisStore<>(redis, ValueCodec.utf8String(), "mtls");

      store.put("odds:clasico", fresh("1.85"), Tags.of("clasico", Set.of("1x2")),
          Duration.ofHours(1));

      assertThat(store.get("odds:clasico").value()).isEqualTo("1.85");
      assertThat(redis.health()).isEqualTo(StoreHealth.HEALTHY);
    }
  }

  @Test
  void withAClientCertificate_panicClockIsShared() {
    ManualTicker ticker = new ManualTicker();
    try (RedisConnector first = openWithClientCertificate();
        RedisConnector second = openWithClientCertificate()) {
      RedisPanicClock a = new RedisPanicClock(first, PanicClockConfig.ofDefaults(), ticker);
      RedisPanicClock b = new RedisPanicClock(second, PanicClockConfig.ofDefaults(), ticker);

      long startSeenByA = a.observe("mtls-match", Status.PANIC, T0);
      long startSeenByB = b.observe("mtls-match", Status.PANIC, T0 + 5_000);

      assertThat(startSeenByA).isEqualTo(T0);
      assertThat(startSeenByB).as("the second connector reads the first one's start from Redis")
          .isEqualTo(T0);
      assertThat(a.inFallback()).isFalse();
      assertThat(b.inFallback()).isFalse();
    }
  }

  /** Pub/sub (the near cache's invalidations) runs on a connection of its own. */
  @Test
  void withAClientCertificate_pubSubCrossesMutualTls() throws Exception {
    try (RedisConnector subscriber = openWithClientCertificate();
        RedisConnector publisher = openWithClientCertificate()) {
      CompletableFuture<String> received = new CompletableFuture<>();
      subscriber.subscribe("mtls-channel", (channel, message) -> received.complete(message));

      publisher.publish("mtls-channel", "invalidate odds:clasico");

      assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("invalidate odds:clasico");
    }
  }

  @Test
  void withoutAClientCertificate_connectionFailsSayingWhatToSet_andTheCacheStillServes() {
    try (ConnectWarnings warnings = ConnectWarnings.capture();
        RedisConnector redis = RedisConnector.open(RedisSettings.custom(server.uri())
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
        RedisConnector redis = RedisConnector.open(RedisSettings.custom(server.uri())
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
    RedisConnector redis = RedisConnector.open(RedisSettings.custom(server.uri())
        .commandTimeout(SharedRedisServer.COMMAND_TIMEOUT)
        .tlsCaCertificate(certificates.ca())
        .tlsClientCertificate(certificates.clientCertificate(), certificates.clientKey())
        .build());
    RedisTestSupport.warmUp(redis);
    return redis;
  }

  private static StoredValue<String> fresh(String value) {
    return new StoredValue<>(value, System.currentTimeMillis(), 60, 1_000L);
  }
}
