package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.server.testing.RunningServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy's HTTP contract as a shared cache, over real HTTP against a scripted real upstream,
 * on a manual clock: what is stored, shared, relayed, forwarded, revalidated and refused.
 */
class HttpContractTest {
  private final ScriptedUpstream upstream = new ScriptedUpstream();
  private final ManualTicker ticker = new ManualTicker(Instant.now());

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url)
      .onTicker(ticker)
      .thenClosing(upstream);

  private String p(String path) {
    return server.url() + "/p/" + path;
  }

  @Test
  void privateResponsesWithCookiesAreNeverSharedNorStored() {
    upstream.on("/account", ctx -> ctx.header("Cache-Control", "private, no-store")
        .header("Set-Cookie", "session=" + ctx.header("Cookie"))
        .header("Vary", "Cookie, Authorization")
        .result("page of " + ctx.header("Authorization")));

    HttpResponse<String> alice = Http.get(p("account"), "Cookie", "user=alice",
        "Authorization", "Bearer alice");
    HttpResponse<String> bob = Http.get(p("account"), "Cookie", "user=bob",
        "Authorization", "Bearer bob");

    assertThat(alice.body()).isEqualTo("page of Bearer alice");
    assertThat(bob.body()).isEqualTo("page of Bearer bob");
    assertThat(bob.headers().firstValue("X-Cache")).hasValue("MISS");
    assertThat(bob.headers().firstValue("Set-Cookie")).hasValue("session=user=bob");
    assertThat(upstream.count("/account")).isEqualTo(2);
    assertThat(server.get().cache().store().estimatedSize()).isZero();
  }

  @Test
  void authorizedRequestsAreStoredOnlyWhenTheResponseSaysSo() {
    upstream.on("/mine", ctx -> ctx.header("Cache-Control", "max-age=60").result("mine"));
    upstream.on("/shared", ctx -> ctx.header("Cache-Control", "public, max-age=60")
        .result("shared"));

    Http.get(p("mine"), "Authorization", "Bearer a");
    HttpResponse<String> again = Http.get(p("mine"), "Authorization", "Bearer b");
    Http.get(p("shared"), "Authorization", "Bearer a");
    HttpResponse<String> shared = Http.get(p("shared"), "Authorization", "Bearer b");

    assertThat(again.headers().firstValue("X-Cache")).hasValue("MISS");
    assertThat(upstream.count("/mine")).isEqualTo(2);
    assertThat(shared.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(upstream.count("/shared")).isEqualTo(1);
  }

  @Test
  void setCookieIsNeverReplayedFromTheCache() {
    upstream.on("/home", ctx -> ctx.header("Cache-Control", "max-age=60")
        .header("Set-Cookie", "visitor=1").result("home"));

    HttpResponse<String> first = Http.get(p("home"));
    HttpResponse<String> hit = Http.get(p("home"));

    assertThat(first.headers().firstValue("Set-Cookie")).hasValue("visitor=1");
    assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(hit.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void anUpstreamServerErrorIsRelayedOrReplacedByAStoredAnswer() {
    upstream.on("/down", ctx -> ctx.status(503).header("Retry-After", "5")
        .contentType("text/plain").result("maintenance"));
    HttpResponse<String> relayed = Http.get(p("down"));
    assertThat(relayed.statusCode()).isEqualTo(503);
    assertThat(relayed.body()).isEqualTo("maintenance");
    assertThat(relayed.headers().firstValue("Retry-After")).hasValue("5");

    upstream.on("/odds", ctx -> ctx.header("Cache-Control", "max-age=1").result("odds v1"));
    assertThat(Http.get(p("odds")).body()).isEqualTo("odds v1");
    upstream.on("/odds", ctx -> ctx.status(503).result("down"));
    ticker.advanceSeconds(3);

    HttpResponse<String> stale = Http.get(p("odds"));

    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.body()).isEqualTo("odds v1");
    assertThat(stale.headers().firstValue("X-Cache")).hasValue("STALE-ERROR");
    assertThat(stale.headers().firstValue("Cache-Status")).hasValueSatisfying(v ->
        assertThat(v).contains("fwd-status=503").contains("detail=stale-if-error"));
  }

  @Test
  void mustRevalidateAnswersAreNotServedStaleOnError() {
    upstream.on("/strict", ctx -> ctx.header("Cache-Control", "max-age=1, must-revalidate")
        .result("v1"));
    Http.get(p("strict"));
    upstream.on("/strict", ctx -> ctx.status(503).result("down"));
    ticker.advanceSeconds(3);

    HttpResponse<String> r = Http.get(p("strict"));

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("down");
  }

  @Test
  void anExpiredAnswerIsRevalidatedAndAClientValidatorGetsA304() {
    upstream.on("/tips", ctx -> {
      // Dated on the test's clock, as a real upstream is on the real one.
      ctx.header("Date", HttpDates.format(ticker.epochMillis()));
      if ("\"v1\"".equals(ctx.header("If-None-Match"))) {
        ctx.status(304).header("ETag", "\"v1\"").header("Cache-Control", "max-age=60");
        return;
      }
      ctx.header("ETag", "\"v1\"").header("Cache-Control", "max-age=1").result("tips body");
    });
    Http.get(p("tips"));
    ticker.advanceSeconds(5);

    HttpResponse<String> revalidated = Http.get(p("tips"));
    ticker.advanceSeconds(2);
    HttpResponse<String> hit = Http.get(p("tips"));
    HttpResponse<String> notModified = Http.get(p("tips"), "If-None-Match", "\"v1\"");

    assertThat(upstream.last().headers()).containsEntry("if-none-match", "\"v1\"");
    assertThat(revalidated.statusCode()).isEqualTo(200);
    assertThat(revalidated.body()).isEqualTo("tips body");
    assertThat(revalidated.headers().firstValue("Age")).hasValue("0");
    assertThat(revalidated.headers().firstValue("Cache-Status")).hasValueSatisfying(v ->
        assertThat(v).contains("fwd=stale").contains("fwd-status=304"));
    assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(hit.headers().firstValue("Age")).hasValue("2");
    assertThat(hit.headers().firstValue("Cache-Control")).hasValue("max-age=60");
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.headers().firstValue("ETag")).hasValue("\"v1\"");
    assertThat(upstream.count("/tips")).isEqualTo(2);
  }

  @Test
  void upstreamStatusesAndBodiesAreRelayedAsSent() {
    upstream.on("/moved", ctx -> ctx.status(301).header("Location", "/elsewhere").result("gone"));
    upstream.on("/empty", ctx -> ctx.status(204));
    upstream.on("/method", ctx -> ctx.status(405).header("Allow", "POST")
        .contentType("text/plain").result("use POST"));

    HttpResponse<String> moved = Http.get(p("moved"));
    HttpResponse<String> empty = Http.get(p("empty"));
    HttpResponse<String> method = Http.get(p("method"));

    assertThat(moved.statusCode()).isEqualTo(301);
    assertThat(moved.headers().firstValue("Location")).hasValue("/elsewhere");
    assertThat(empty.statusCode()).isEqualTo(204);
    assertThat(method.statusCode()).isEqualTo(405);
    assertThat(method.body()).isEqualTo("use POST");
    assertThat(method.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void endToEndHeadersAndCompressedBodiesCrossUnchanged() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write("{\"p\":0.42}".getBytes(StandardCharsets.UTF_8));
    }
    byte[] gzipped = gz.toByteArray();
    upstream.on("/fair", ctx -> ctx.header("Content-Encoding", "gzip")
        .header("Vary", "Accept-Encoding").header("ETag", "\"e1\"")
        .header("Content-Security-Policy", "default-src 'none'")
        .header("X-Frame-Options", "DENY")
        .header("Strict-Transport-Security", "max-age=63072000")
        .header("Cache-Control", "max-age=60")
        .contentType("application/json").result(gzipped));

    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> r = Http.getBytes(p("fair"), "Accept-Encoding", "gzip",
          "X-Trace-Id", "t-1", "X-Match-Id", "m1");
      assertThat(r.body()).isEqualTo(gzipped);
      assertThat(r.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(r.headers().firstValue("ETag")).hasValue("\"e1\"");
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .hasValue("default-src 'none'");
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(r.headers().firstValue("Strict-Transport-Security"))
          .hasValue("max-age=63072000");
      assertThat(r.headers().firstValue("Cache-Status")).isPresent();
    }
    ScriptedUpstream.Seen sent = upstream.seen.get(0);
    assertThat(sent.headers()).containsEntry("accept-encoding", "gzip")
        .containsEntry("x-trace-id", "t-1").containsKey("x-forwarded-for")
        .containsKey("forwarded").doesNotContainKey("x-match-id");
    assertThat(upstream.count("/fair")).isEqualTo(1);
  }

  @Test
  void hopByHopFieldsAreRemovedBothWays() throws IOException {
    upstream.on("/hop", ctx -> ctx.header("Connection", "X-Up-Secret")
        .header("X-Up-Secret", "1").header("X-Kept", "yes").result("hop"));

    String answer = raw("GET /p/hop HTTP/1.1\r\nHost: x\r\nConnection: close, X-Secret\r\n"
        + "X-Secret: s\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\nX-Plain: p\r\n\r\n");

    assertThat(answer).startsWith("HTTP/1.1 200").containsIgnoringCase("X-Kept: yes")
        .doesNotContainIgnoringCase("X-Up-Secret");
    assertThat(upstream.last().headers()).containsEntry("x-plain", "p")
        .doesNotContainKeys("x-secret", "keep-alive", "te");
  }

  @Test
  void otherMethodsPassThroughWithTheirBodyAndInvalidateTheUrl() {
    upstream.on("/slip", ctx -> {
      if (ctx.method().name().equals("GET")) {
        ctx.header("Cache-Control", "max-age=600").result("slip " + upstream.count("/slip"));
      } else {
        ctx.status(201).result("placed " + ctx.body());
      }
    });
    Http.get(p("slip"));
    assertThat(Http.get(p("slip")).headers().firstValue("X-Cache")).hasValue("HIT");

    HttpResponse<String> post = Http.send(HttpRequest.newBuilder(URI.create(p("slip")))
        .POST(HttpRequest.BodyPublishers.ofString("bet=1")));
    HttpResponse<String> extension = Http.send(HttpRequest.newBuilder(URI.create(p("slip")))
        .method("M-SEARCH", HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> after = Http.get(p("slip"));

    assertThat(post.statusCode()).isEqualTo(201);
    assertThat(post.body()).isEqualTo("placed bet=1");
    assertThat(upstream.seen).anyMatch(s -> s.method().equals("POST") && s.body().equals("bet=1"));
    assertThat(extension.headers().firstValue("Cache-Status")).hasValueSatisfying(
        v -> assertThat(v).contains("fwd=method"));
    assertThat(after.headers().firstValue("X-Cache")).hasValue("MISS");
  }

  @Test
  void otherMethodsStreamTheirBodiesWithinTheLimit() {
    byte[] big = new byte[20 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'x');
    upstream.on("/export", ctx -> ctx.result(big));

    HttpResponse<byte[]> export = Http.sendBytes(HttpRequest.newBuilder(URI.create(p("export")))
        .POST(HttpRequest.BodyPublishers.ofString("all")));
    // A chunked body (no Content-Length) over the 1 MiB limit.
    HttpResponse<String> tooLarge = Http.send(HttpRequest.newBuilder(URI.create(p("export")))
        .POST(HttpRequest.BodyPublishers.ofInputStream(
            () -> new java.io.ByteArrayInputStream(new byte[2 * 1024 * 1024]))));

    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.body()).hasSize(big.length);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("request body too large");
  }

  @Test
  void varySelectsTheStoredAnswerByTheRequestHeadersItNames() {
    upstream.on("/lang", ctx -> ctx.header("Vary", "Accept-Language")
        .header("Cache-Control", "max-age=60").result("in " + ctx.header("Accept-Language")));

    HttpResponse<String> en = Http.get(p("lang"), "Accept-Language", "en");
    HttpResponse<String> enAgain = Http.get(p("lang"), "Accept-Language", "en");
    HttpResponse<String> fr = Http.get(p("lang"), "Accept-Language", "fr");

    assertThat(en.body()).isEqualTo("in en");
    assertThat(enAgain.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(fr.body()).isEqualTo("in fr");
    assertThat(fr.headers().firstValue("X-Cache")).hasValue("MISS");
  }

  @Test
  void headCarriesTheGetsHeadersFromTheStoredAnswer() {
    upstream.on("/page", ctx -> ctx.header("Cache-Control", "max-age=60")
        .header("ETag", "\"p\"").result("0123456789"));
    Http.get(p("page"));

    HttpResponse<String> head = Http.send(HttpRequest.newBuilder(URI.create(p("page")))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).hasValue("10");
    assertThat(head.headers().firstValue("ETag")).hasValue("\"p\"");
    assertThat(head.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(upstream.count("/page")).isEqualTo(1);
  }

  @Test
  void repeatedQueryNamesKeepTheirOrderInTheKey() {
    assertThat(ProxyHandler.key("odds", "id=2&b=x&id=1")).isEqualTo("GET /odds?b=x&id=2&id=1");
    upstream.on("/odds", ctx -> ctx.header("Cache-Control", "max-age=60")
        .result(ctx.queryString()));

    HttpResponse<String> first = Http.get(p("odds?id=1&id=2"));
    HttpResponse<String> second = Http.get(p("odds?id=2&id=1"));
    HttpResponse<String> reordered = Http.get(p("odds?b=1&id=1&id=2"));
    HttpResponse<String> same = Http.get(p("odds?id=1&b=1&id=2"));

    assertThat(first.body()).isEqualTo("id=1&id=2");
    assertThat(second.body()).isEqualTo("id=2&id=1");
    assertThat(second.headers().firstValue("X-Cache")).hasValue("MISS");
    assertThat(same.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(same.body()).isEqualTo(reordered.body());
  }

  @Test
  void dotSegmentsHiddenBehindPathParametersAreRefused() throws IOException {
    upstream.on("/x", ctx -> ctx.result("outside"));
    for (String path : new String[] {"/p/data/..;/x", "/p/%2e%2e;x",
        "/p/data/%2E%2E;jsessionid=1/x", "/p/.;/x"}) {
      String answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      assertThat(answer).as(path).startsWith("HTTP/1.1 400");
    }
    assertThat(upstream.seen).isEmpty();
  }

  @Test
  void maxStaleAcceptsAStoredAnswerDuringAPanic() {
    upstream.on("/live", ctx -> ctx.result("live " + upstream.count("/live")));
    Http.get(p("live"));

    String[] panic = {"X-Match-Id", "m1", "X-Markets", "1x2", "X-Vix-Status", "PANIC"};
    HttpResponse<String> bypass = Http.get(p("live"), panic);
    HttpResponse<String> stale = Http.get(p("live"), "X-Match-Id", "m1", "X-Markets", "1x2",
        "X-Vix-Status", "PANIC", "Cache-Control", "max-stale=60");

    assertThat(bypass.headers().firstValue("X-Cache")).hasValue("BYPASS");
    assertThat(stale.headers().firstValue("X-Cache")).hasValue("STALE");
    assertThat(stale.body()).isEqualTo(bypass.body());
  }

  @Test
  void onlyIfCachedNeverReachesTheUpstream() {
    upstream.on("/cached", ctx -> ctx.header("Cache-Control", "max-age=60").result("c"));

    HttpResponse<String> none = Http.get(p("cached"), "Cache-Control", "only-if-cached");
    Http.get(p("cached"));
    HttpResponse<String> some = Http.get(p("cached"), "Cache-Control", "only-if-cached");

    assertThat(none.statusCode()).isEqualTo(504);
    assertThat(some.statusCode()).isEqualTo(200);
    assertThat(some.body()).isEqualTo("c");
    assertThat(upstream.count("/cached")).isEqualTo(1);
  }

  @Test
  void rangesAreServedFromTheStoredWholeAnswer() {
    upstream.on("/file", ctx -> ctx.header("Cache-Control", "max-age=60").result("0123456789"));
    Http.get(p("file"));

    HttpResponse<String> part = Http.get(p("file"), "Range", "bytes=2-4");

    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo("234");
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
    assertThat(upstream.count("/file")).isEqualTo(1);
  }

  private String raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        answer.write(buf, 0, n);
        if (new String(answer.toByteArray(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n")
            && !request.contains("close")) {
          break;
        }
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
