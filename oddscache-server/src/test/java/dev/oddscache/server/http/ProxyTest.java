package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The caching proxy over real HTTP, in front of a real upstream. */
class ProxyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestUpstream upstream = new TestUpstream();

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url)
      .thenClosing(upstream);

  private String p(String path) {
    return server.url() + "/p/" + path;
  }

  @Test
  void missThenHitWithHeaders() {
    HttpResponse<String> miss = Http.get(p("predictions/rma-fcb?market=1x2"),
        "X-Match-Id", "rma-fcb", "X-Competition", "La Liga", "X-Markets", "1x2");
    HttpResponse<String> hit = Http.get(p("predictions/rma-fcb?market=1x2"),
        "X-Match-Id", "rma-fcb", "X-Competition", "La Liga", "X-Markets", "1x2");

    assertThat(miss.statusCode()).isEqualTo(200);
    assertThat(miss.headers().firstValue("X-Cache")).hasValue("MISS");
    assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(hit.body()).isEqualTo(miss.body()).contains("\"n\":1");
    assertThat(hit.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/json"));
    assertThat(hit.headers().firstValue("X-Oddscache-Ttl")).hasValue("300");
    assertThat(hit.headers().firstValue("X-Oddscache-Zone")).hasValue("STANDARD");
    assertThat(hit.headers().firstValue("X-Oddscache-Mode")).hasValue("NORMAL");
    assertThat(hit.headers().firstValue("X-Oddscache-Tier")).hasValue("0");
    assertThat(hit.headers().firstValue("Age")).isPresent();
    assertThat(upstream.calls).hasValue(1);
  }

  @Test
  void endToEndHeadersCrossHopByHopOnesDoNotAndCookiesGoOnlyToTheirRequester() {
    HttpResponse<String> r = Http.get(p("headers"), "X-Drop-Me", "1", "Cookie", "user=1");
    HttpResponse<String> hit = Http.get(p("headers"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok");
    assertThat(r.headers().firstValue("X-Upstream-Internal")).hasValue("secret");
    assertThat(r.headers().firstValue("Set-Cookie")).hasValue("session=abc");
    assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(hit.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(r.headers().firstValue("Proxy-Authenticate")).isEmpty();
    assertThat(r.headers().firstValue("Keep-Alive")).isEmpty();
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/plain"));
  }

  @Test
  void orderOfDifferentQueryNamesDoesNotMatterForTheKey() {
    Http.get(p("predictions/x?a=1&b=2"));
    HttpResponse<String> swapped = Http.get(p("predictions/x?b=2&a=1"));

    assertThat(swapped.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(upstream.calls).hasValue(1);
  }

  @Test
  void panicStatusFromTheCallerBypassesAndNoCacheReloads() {
    Http.get(p("predictions/x"));
    HttpResponse<String> panic = Http.get(p("predictions/x"),
        "X-Match-Id", "m", "X-Markets", "1x2", "X-Vix-Status", "panic");
    HttpResponse<String> noCache = Http.get(p("predictions/x"), "Cache-Control", "no-cache");

    assertThat(panic.headers().firstValue("X-Cache")).hasValue("BYPASS");
    assertThat(panic.headers().firstValue("X-Oddscache-Tier")).hasValue("1");
    assertThat(noCache.headers().firstValue("X-Cache")).hasValue("BYPASS");
    assertThat(upstream.calls).hasValue(3);
  }

  @Test
  void headRequestsAreProxiedToo() {
    HttpResponse<String> head = Http.send(HttpRequest.newBuilder(URI.create(p("predictions/h")))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()));

    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("X-Cache")).hasValue("MISS");
  }

  @Test
  void upstreamClientErrorsAreRelayedAndA404IsCacheableLikeA200() {
    HttpResponse<String> first = Http.get(p("missing"));
    HttpResponse<String> second = Http.get(p("missing"));

    assertThat(first.statusCode()).isEqualTo(404);
    assertThat(second.statusCode()).isEqualTo(404);
    assertThat(second.body()).isEqualTo("no such thing");
    assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(upstream.calls).hasValue(1);
  }

  @Test
  void upstreamServerErrorIsRelayedAsSentAndAnUnreachableOneIs502Json() throws Exception {
    HttpResponse<String> r = Http.get(p("broken"));
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).isEqualTo("boom");

    String deadUpstream = "http://127.0.0.1:" + freePort();
    try (OddscacheServer lonely = OddscacheServer.start(
        RunningServer.onFreePort(RunningServer.upstream(deadUpstream)))) {
      HttpResponse<String> dead = Http.get(lonely.url() + "/p/anything");
      assertThat(dead.statusCode()).isEqualTo(502);
      JsonNode body = JSON.readTree(dead.body());
      assertThat(body.get("error").asText()).contains("upstream failed");
      assertThat(body.has("field")).isTrue();
      assertThat(body.get("detail").asText()).contains("unreachable");
    }
  }

  private static int freePort() throws java.io.IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void staysBelowTheUpstream() throws Exception {
    HttpResponse<String> dots = Http.get(p("predictions/%2e%2e/%2e%2e/etc/passwd"));

    assertThat(dots.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(dots.body()).get("field").asText()).isEqualTo("path");
    assertThat(upstream.calls).hasValue(0);
  }

  @Test
  void checkedTargetsAndKickoffsAreRememberedOnlyWhenValid() throws Exception {
    // The proxy remembers accepted targets and kickoffs; a rejected one must stay rejected.
    for (int round = 0; round < 2; round++) {
      HttpResponse<String> good = Http.get(p("predictions/rma-fcb"), "X-Match-Id", "m",
          "X-Kickoff", "2026-03-01T20:00:00Z");
      HttpResponse<String> dots = Http.get(p("predictions/%2e%2e/secret"));
      HttpResponse<String> kickoff = Http.get(p("predictions/rma-fcb"), "X-Match-Id", "m",
          "X-Kickoff", "2026-03-01 20:00");

      assertThat(good.statusCode()).isEqualTo(200);
      assertThat(dots.statusCode()).isEqualTo(400);
      assertThat(kickoff.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(kickoff.body()).get("field").asText()).isEqualTo("X-Kickoff");
    }
    assertThat(upstream.calls).hasValue(1);
  }

  @Test
  void overlongKeyIs400() throws Exception {
    HttpResponse<String> r = Http.get(p("predictions/" + "x".repeat(600)));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("cache key too long");
  }

  @Test
  void badContextHeadersAre400NamingTheHeader() throws Exception {
    HttpResponse<String> status = Http.get(p("predictions/x"), "X-Match-Id", "m",
        "X-Vix-Status", "meltdown");
    HttpResponse<String> kickoff = Http.get(p("predictions/x"), "X-Match-Id", "m",
        "X-Kickoff", "tomorrow");
    HttpResponse<String> maxStale = Http.get(p("predictions/x"), "Cache-Control", "max-stale=abc");

    assertThat(status.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(status.body()).get("field").asText()).isEqualTo("X-Vix-Status");
    assertThat(JSON.readTree(kickoff.body()).get("field").asText()).isEqualTo("X-Kickoff");
    assertThat(JSON.readTree(maxStale.body()).get("field").asText()).isEqualTo("Cache-Control");
    assertThat(upstream.calls).hasValue(0);
  }

  @Test
  void unknownRoutesAreJson404() throws Exception {
    HttpResponse<String> r = Http.get(server.url() + "/v1/nothing");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("not found");
  }

  @Test
  void gracefulShutdownLetsInFlightRequestsFinish() throws Exception {
    var inFlight = java.util.concurrent.CompletableFuture.supplyAsync(() -> Http.get(p("slow")));
    assertThat(upstream.slowEntered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    var closing = java.util.concurrent.CompletableFuture.runAsync(server::stop);
    upstream.slowRelease.complete("{\"slow\":true}");
    closing.get(20, java.util.concurrent.TimeUnit.SECONDS);

    HttpResponse<String> r = inFlight.get(20, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"slow\":true}");
  }
}
