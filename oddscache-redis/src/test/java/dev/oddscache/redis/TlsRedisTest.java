package dev.oddscache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.panic.RedisPanicClock;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.redis.testing.JdkCaCertificate;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.redis.testing.TestCertificates;
import dev.oddscache.redis.testing.TlsRedis;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
  private static final long T0 = 1_767_225_600_000L;
  private static final Tags TAGS = Tags.of("clasico", Set.of("1x2"));

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static RedisServerProcess server;

  private final Logger connectorLog = (Logger) LoggerFactory.getLogger(RedisConnector.class);
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

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
    logs.start();
    connectorLog.addAppender(logs);
  }

  @AfterAll
  static void stopTlsRedis() {
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void releaseConnectorLog() {
    connectorLog.detachAppender(logs);
  }

  @Test
  void withThePrivateCa_storeRoundTripsOverTls() {
    try (RedisConnector redis = open(server.uri(), true)) {
      RedisStore<String> store = new RedisStore<>(redis, ValueCodec.utf8String(), "tls");

      store.put("odds:clasico", fresh("1.85"), TAGS, Duration.ofHours(1));

      assertThat(store.get("odds:clasico").value()).isEqualTo("1.85");
      assertThat(redis.health()).isEqualTo(StoreHealth.HEALTHY);
      assertThat(redis.settings().uri()).startsWith("rediss://");
    }
  }

  @Test
  void withThePrivateCa_panicClockIsSharedOverTls() {
    ManualTicker ticker = new ManualTicker();
    try (RedisConnector first = open(server.uri(), true);
        RedisConnector second = open(server.uri(), true)) {
      RedisPanicClock a = new RedisPanicClock(first, PanicClockConfig.ofDefaults(), ticker);
      RedisPanicClock b = new RedisPanicClock(second, PanicClockConfig.ofDefaults(), ticker);

      long startSeenByA = a.observe("tls-match", Status.PANIC, T0);
      long startSeenByB = b.observe("tls-match", Status.PANIC, T0 + 5_000);

      assertThat(startSeenByA).isEqualTo(T0);
      assertThat(startSeenByB).as("the second connector reads the first one's start from Redis")
          .isEqualTo(T0);
      assertThat(a.inFallback()).isFalse();
      assertThat(b.inFallback()).isFalse();
    }
  }

  /** Pub/sub (the near cache's invalidations) runs on a connection of its own. */
  @Test
  void withThePrivateCa_pubSubCrossesTls() throws Exception {
    try (RedisConnector subscriber = open(server.uri(), true);
        RedisConnector publisher = open(server.uri(), true)) {
      CompletableFuture<String> received = new CompletableFuture<>();
      subscriber.subscribe("tls-channel", (channel, message) -> received.complete(message));

      publisher.publish("tls-channel", "invalidate odds:clasico");

      assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("invalidate odds:clasico");
    }
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

    try (RedisConnector redis = RedisConnector.open(RedisSettings.custom(server.uri())
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

    try (RedisConnector redis = RedisConnector.open(RedisSettings.custom(server.uri())
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
    RedisSettings.Builder settings = RedisSettings.custom(uri)
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
    return logs.list.stream()
        .filter(e -> e.getMessage().startsWith("redis unreachable"))
        .flatMap(e -> e.getKeyValuePairs() == null ? java.util.stream.Stream.empty()
            : e.getKeyValuePairs().stream())
        .filter(kv -> kv.key.equals("error"))
        .map(kv -> String.valueOf(kv.value))
        .toList();
  }

  private static StoredValue<String> fresh(String value) {
    return new StoredValue<>(value, System.currentTimeMillis(), 60, 1_000L);
  }
}
