package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.TestCertificates;
import dev.oddscache.redis.testing.TlsRedis;
import dev.oddscache.server.config.ConfigFile;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.testing.RunningServer;
import dev.oddscache.testing.Poll;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --redis rediss://… --redis-tls-ca-cert FILE} end to end: the server's settings
 * reach the connector, so a proxied answer is cached in a TLS-only Redis whose certificate a
 * private CA signed, and readiness says {@code ready}; the same through a config file with a
 * client certificate, against a Redis that demands one (its default). Same machine needs and skip
 * rules as the redis module's TLS tests ({@link TlsRedis}).
 */
class TlsRedisThroughServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void proxiedAnswersAreCachedInATlsRedisWithAPrivateCa() throws Exception {
    TlsRedis.requireTools();
    TestCertificates certificates = TestCertificates.create(dir);
    try (RedisServerProcess redis = TlsRedis.start(() -> RedisServerProcess.startTls(
            TlsRedis.REDIS_SERVER, certificates.redisServerArgs()));
        TestUpstream upstream = new TestUpstream();
        OddscacheServer server = OddscacheServer.start(RunningServer.onFreePort(b -> b
            .proxy(p -> p.upstream(URI.create(upstream.url())))
            .store(st -> st.redisUri(redis.uri()).redisTlsCaCert(certificates.ca()))))) {
      assertThat(redis.uri()).startsWith("rediss://");
      assertCachedInRedis(server, upstream, "tls-1");
    }
  }

  @Test
  void withAClientCertificateFromTheConfigFile_answersAreCachedInARedisDemandingOne()
      throws Exception {
    TlsRedis.requireTools();
    TestCertificates certificates = TestCertificates.create(dir);
    try (RedisServerProcess redis = TlsRedis.start(() -> RedisServerProcess.startTls(
            TlsRedis.REDIS_SERVER, certificates.redisServerArgsDemandingClientCertificates()));
        TestUpstream upstream = new TestUpstream()) {
      Path config = Files.writeString(dir.resolve("oddscache.yml"), """
          redis:
            uri: "%s"
            tlsCaCert: "%s"
            tlsClientCert: "%s"
            tlsClientKey: "%s"
          """.formatted(redis.uri(), certificates.ca(), certificates.clientCertificate(),
          certificates.clientKey()));
      ServerSettings fromFile = ConfigFile.load(config, ServerSettings.ofDefaults());
      ServerSettings settings = ServerSettings.from(fromFile).network(n -> n.port(0))
          .proxy(p -> p.upstream(URI.create(upstream.url()))).build();

      try (OddscacheServer server = OddscacheServer.start(settings)) {
        assertCachedInRedis(server, upstream, "mtls-1");
      }
    }
  }

  /** Ready, then a miss and a hit, the hit from Redis: the upstream was called once. */
  private static void assertCachedInRedis(OddscacheServer server, TestUpstream upstream,
      String id) throws Exception {
    Poll.await("readiness on the TLS Redis")
        .untilAsserted(() -> assertThat(readiness(server.url())).isEqualTo("ready"));

    HttpResponse<String> first = get(server, id);
    HttpResponse<String> second = get(server, id);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-Cache")).contains("MISS");
    assertThat(second.headers().firstValue("X-Cache")).contains("HIT");
    JsonNode store = JSON.readTree(Http.get(server.url() + "/v1/status").body()).get("store");
    assertThat(store.get("healthy").asBoolean()).as("store in %s", store).isTrue();
    assertThat(store.get("fallback").asBoolean()).isFalse();
    assertThat(upstream.calls.get()).as("the hit came from Redis, not the upstream")
        .isEqualTo(1);
  }

  private static HttpResponse<String> get(OddscacheServer server, String id) {
    return Http.get(server.url() + "/p/predictions/" + id, "X-Match-Id", id,
        "X-Competition", "Ligue 2", "X-Markets", "1x2");
  }

  /**
   * The readiness status, or the failure as text. Polled, bounded: connecting and the TLS
   * handshake are not the logic under test.
   */
  private static String readiness(String base) {
    try {
      return JSON.readTree(Http.get(base + "/health/ready").body()).get("status").asText();
    } catch (Exception e) {
      return e.toString();
    }
  }
}
