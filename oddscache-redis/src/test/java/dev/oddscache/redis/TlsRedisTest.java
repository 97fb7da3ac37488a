package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.redis.testing.ConnectWarnings;
import dev.oddscache.redis.testing.JdkCaCertificate;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.redis.testing.TestCertificates;
import dev.oddscache.redis.testing.TlsChecks;
import dev.oddscache.redis.testing.TlsRedis;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a real TLS-only Redis whose certificate a throwaway private CA signed:
 * with that CA configured the store and the panic clock work; without it the connection fails
 * saying the certificate is not trusted (with another CA, naming that file), and the cache still
 * serves; a bundle holding the CA among others works; plain {@code redis://} to the TLS port gets
 * nowhere. Servers that demand client certificates: {@link MutualTlsRedisTest}.
 *
 * <p>Needs Debian's {@code redis-server} and {@code openssl}: see {@link TlsRedis} for when it
 * skips and when it fails instead.
 */
class TlsRedisTest {

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static RedisServerProcess server;

  @RegisterExtension
  final LogCapture connectorLog = LogCapture.of(RedisConnector.class);

  /**
   * Checked per test, not in a {@code @BeforeAll}: a class-level skip leaves no message in the
   * test report, and a developer without redis-server should see why these tests did not run.
   * The server is started once, by the first test that gets this far.
   */
  @BeforeEach
  void startTlsRedisOnce() {
    TlsRedis.requireTools();
    if (server == null) {
      certificates = TestCertificates.create(dir);
      server = TlsRedis.start(() -> RedisServerProcess.startTls(TlsRedis.REDIS_SERVER,
          certificates.redisServerArgs()));
    }
  }

  @AfterAll
  static void stopTlsRedis() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void withThePrivateCa_storeRoundTripsOverTls() {
    try (RedisConnector redis = open(server.uri(), true)) {
      TlsChecks.storeRoundTrips(redis, "tls");
      assertThat(redis.settings().uri()).startsWith("rediss://");
    }
  }

  @Test
  void withThePrivateCa_panicClockIsSharedOverTls() {
    TlsChecks.panicClockIsShared(() -> open(server.uri(), true), "tls-match");
  }

  /** Pub/sub (the near cache's invalidations) runs on a connection of its own. */
  @Test
  void withThePrivateCa_pubSubCrossesTls() throws Exception {
    TlsChecks.pubSubCrosses(() -> open(server.uri(), true), "tls-channel");
  }

  @Test
  void withoutTheCa_connectionFailsSayingTheCertificateIsNotTrusted_andTheCacheStillServes() {
    try (RedisConnector redis = open(server.uri(), false)) {
      assertThat(redis.isConnected()).isFalse();
      assertThat(redis.health()).isEqualTo(StoreHealth.FALLBACK);
      // open() makes the first attempt itself, so its warning is already logged.
      assertThat(connectErrors()).anySatisfy(error -> assertThat(error)
          .contains("certificate is not trusted")
          .contains("tlsCaCertificate")
          .contains("PKIX path building failed"));

      OddsCache<String> cache = OddsCache.<String>builder()
          .store(new RedisStore<>(redis, ValueCodec.utf8String(), "tls-untrusted"))
          .build();
      CacheResult<String> result = cache.get("odds:clasico", MatchContext.none(), k -> "loaded");

      assertThat(result.value()).as("served from the loader while Redis is unreachable")
          .isEqualTo("loaded");
    }
  }

  @Test
  void aBundleWithTheCaAmongOthers_isTrusted() throws Exception {
    Path bundle = dir.resolve("bundle.pem");
    Files.writeString(bundle, Files.readString(JdkCaCertificate.writePem(dir))
        + Files.readString(certificates.ca()));

    try (RedisConnector redis = RedisConnector.open(RedisSettings.custom().uri(server.uri())
        .commandTimeout(SharedRedisServer.COMMAND_TIMEOUT).tlsCaCertificate(bundle).build())) {
      RedisTestSupport.warmUp(redis);
      redis.call("set", c -> c.set("bundle", new byte[] {7}));
      byte[] value = redis.call("get", c -> c.get("bundle"));

      assertThat(value).containsExactly(7);
    }
  }

  @Test
  void anotherCa_connectionFailsNamingTheCaFile() {
    Path otherCa = JdkCaCertificate.writePem(dir);

    try (RedisConnector redis = RedisConnector.open(RedisSettings.custom().uri(server.uri())
        .tlsCaCertificate(otherCa).build())) {
      assertThat(redis.isConnected()).isFalse();
      assertThat(connectErrors()).anySatisfy(error -> assertThat(error)
          .contains("certificate is not trusted; it is not signed by a CA in tlsCaCertificate '"
              + otherCa + "'"));
    }
  }

  @Test
  void plainRedisUriToTheTlsPort_doesNotConnect() {
    String plain = "redis://127.0.0.1:" + server.port();
    try (RedisConnector redis = open(plain, false)) {
      RedisStore<String> store = new RedisStore<>(redis, ValueCodec.utf8String(), "plain");

      assertThat(redis.isConnected()).isFalse();
      assertThat(redis.health()).isEqualTo(StoreHealth.FALLBACK);
      assertThat(connectErrors()).isNotEmpty();
      assertThatThrownBy(() -> store.get("odds:clasico")).isInstanceOf(StoreException.class);
    }
  }

  // -----------------------------------------------------------------------------------------------

  private static RedisConnector open(String uri, boolean trustTheCa) {
    RedisSettings.Builder settings = RedisSettings.custom().uri(uri)
        .commandTimeout(SharedRedisServer.COMMAND_TIMEOUT);
    if (trustTheCa) {
      settings.tlsCaCertificate(certificates.ca());
    }
    RedisConnector redis = RedisConnector.open(settings.build());
    if (trustTheCa) {
      RedisTestSupport.warmUp(redis);
    }
    return redis;
  }

  /** The errors of the connector's "redis unreachable" warnings. */
  private List<String> connectErrors() {
    return ConnectWarnings.errorsIn(connectorLog.events());
  }
}
