package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.server.testing.RunningServer;
import dev.oddscache.testing.Poll;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy on a real redis-server ({@code oddscache serve --redis}), looked at from Redis
 * itself: what may not be shared never reaches it, what may is written and served from it, and
 * entries an older server wrote (or garbage) under a URL's key never fail a request.
 *
 * <p>The store's layout, from oddscache-redis: a cache key {@code k} is the Redis key {@code
 * oddscache:v:{k}} ({@code KeyLayout}, default prefix), the proxy's cache key of {@code /p/x} is
 * {@code GET /x}, and the value is a {@code BlobFormat} blob (version, token, stored-at, TTL,
 * load time, tags, then the codec's bytes).
 */
class ProxyRedisTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RedisServerProcess redis = RedisServerProcess.start();
  private final RawRedis raw = new RawRedis(redis.uri());
  private final ScriptedUpstream upstream = new ScriptedUpstream();

  @RegisterExtension
  final RunningServer server = RunningServer.started(b -> b
          .proxy(p -> p.upstream(URI.create(upstream.url())))
          .store(st -> st.redisUri(redis.uri())))
      .thenClosing(upstream, raw, redis);

  @BeforeEach
  void awaitReady() {
    // Polled, bounded: the Redis connection coming up is not the logic under test.
    Poll.await("server ready on Redis").untilAsserted(() -> assertThat(
        JSON.readTree(Http.get(server.url() + "/health/ready").body()).get("status").asText())
        .isEqualTo("ready"));
  }

  private String p(String path) {
    return server.url() + "/p/" + path;
  }

  private static String valueKey(String path) {
    return "oddscache:v:{GET /" + path + "}";
  }

  @Test
  void privateAnswersNeverReachRedisWhilePublicOnesAreStoredAndServedFromIt() {
    upstream.on("/account", ctx -> ctx.header("Cache-Control", "private, no-store")
        .header("Set-Cookie", "session=" + ctx.header("Cookie"))
        .header("Vary", "Cookie, Authorization")
        .result("page of " + ctx.header("Authorization")));
    upstream.on("/public", ctx -> ctx.header("Cache-Control", "public, max-age=60")
        .result("for everyone"));

    HttpResponse<String> alice = Http.get(p("account"), "Cookie", "user=alice",
        "Authorization", "Bearer alice");
    HttpResponse<String> bob = Http.get(p("account"), "Cookie", "user=bob",
        "Authorization", "Bearer bob");
    HttpResponse<String> first = Http.get(p("public"));
    HttpResponse<String> hit = Http.get(p("public"));

    assertThat(alice.body()).isEqualTo("page of Bearer alice");
    assertThat(alice.headers().firstValue("Set-Cookie")).hasValue("session=user=alice");
    assertThat(bob.body()).isEqualTo("page of Bearer bob");
    assertThat(bob.headers().firstValue("Set-Cookie")).hasValue("session=user=bob");
    assertThat(bob.headers().firstValue("X-Cache")).hasValue("MISS");
    assertThat(upstream.count("/account")).isEqualTo(2);
    assertThat(raw.sync().keys("oddscache:v:*account*")).as("no value key for /account")
        .isEmpty();
    assertThat(raw.sync().exists(valueKey("account"))).isZero();

    assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
    assertThat(hit.statusCode()).isEqualTo(200);
    assertThat(hit.body()).isEqualTo("for everyone");
    assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(upstream.count("/public")).isEqualTo(1);
    assertThat(raw.sync().keys("oddscache:v:*public*")).containsExactly(valueKey("public"));
    byte[] blob = raw.sync().get(valueKey("public"));
    assertThat(new String(blob, StandardCharsets.ISO_8859_1)).contains("for everyone")
        .doesNotContain("Set-Cookie");
  }

  /** A store blob ({@code BlobFormat} version 1, untagged) around {@code value}. */
  private static byte[] storeBlob(long storedAtMillis, long ttlSeconds, byte[] value) {
    return ByteBuffer.allocate(1 + 8 * 4 + 4 + 4 + value.length)
        .put((byte) 1) // blob version
        .putLong(0x0123456789abcdefL) // token of the put
        .putLong(storedAtMillis)
        .putLong(ttlSeconds)
        .putLong(1_000_000) // load nanos
        .putInt(-1) // no match id: untagged
        .putInt(0) // no markets
        .put(value)
        .array();
  }

  @Test
  void anEntryAnOlderServerWroteIsServedAsAHit() {
    upstream.on("/legacy", ctx -> ctx.header("Cache-Control", "max-age=60").result("fresh"));
    byte[] body = "{\"written\":\"by v1\"}".getBytes(StandardCharsets.UTF_8);
    raw.sync().set(valueKey("legacy"), storeBlob(System.currentTimeMillis(), 300,
        CachedResponseCodecTest.version1("application/json", body)));

    HttpResponse<String> r = Http.get(p("legacy"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"written\":\"by v1\"}");
    assertThat(upstream.count("/legacy")).isZero();
  }

  @Test
  void garbageUnderAUrlsKeyNeverFailsTheRequest() {
    upstream.on("/garbage", ctx -> ctx.header("Cache-Control", "max-age=60")
        .result("from upstream"));
    upstream.on("/badvalue", ctx -> ctx.header("Cache-Control", "max-age=60")
        .result("from upstream too"));
    raw.sync().set(valueKey("garbage"), "not a blob at all".getBytes(StandardCharsets.UTF_8));
    // A well-formed store blob whose value no codec version reads.
    raw.sync().set(valueKey("badvalue"), storeBlob(System.currentTimeMillis(), 300,
        new byte[] {9, 9, 9, 9}));

    HttpResponse<String> garbage = Http.get(p("garbage"));
    HttpResponse<String> badValue = Http.get(p("badvalue"));

    assertThat(garbage.statusCode()).isEqualTo(200);
    assertThat(garbage.body()).isEqualTo("from upstream");
    assertThat(badValue.statusCode()).isEqualTo(200);
    assertThat(badValue.body()).isEqualTo("from upstream too");
    assertThat(upstream.count("/garbage")).isEqualTo(1);
    assertThat(upstream.count("/badvalue")).isEqualTo(1);
  }
}
