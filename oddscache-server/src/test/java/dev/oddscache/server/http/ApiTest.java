package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.settings.AccessTokens;
import dev.oddscache.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Ingestion, events, decisions, status, metrics, health and admin over real HTTP. */
class ApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestUpstream upstream = new TestUpstream();

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url)
      .thenClosing(upstream);

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  @Test
  void oddsAreAcceptedOrRejectedOneByOne() {
    HttpResponse<String> r = Http.postJson(server.url() + "/v1/odds", """
        [{"match":"rma-fcb","market":"1x2","selection":"home","odds":2.1,\
        "ts":"2026-03-01T18:00:00Z"},
         {"match":"rma-fcb","market":"1x2","selection":"home","odds":2.12,"ts":1772388001000},
         {"match":"rma-fcb","market":"1x2","selection":"home","odds":"NaN","ts":1772388002000},
         {"match":"","market":"1x2","selection":"home","odds":2.0,"ts":1772388003000},
         {"match":"rma-fcb","market":"1x2","selection":"home","odds":2.0,"ts":"yesterday"},
         {"match":"rma-fcb","market":"1x2","selection":"home","odds":2.0,"ts":1000},
         42]""");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("accepted").asInt()).isEqualTo(2);
    assertThat(body.get("rejected")).hasSize(5);
    assertThat(body.get("rejected").get(0).get("index").asInt()).isEqualTo(2);
    assertThat(body.get("rejected").get(0).get("reason").asText()).contains("odds").contains("NaN");
    assertThat(body.get("rejected").get(1).get("reason").asText()).contains("match");
    assertThat(body.get("rejected").get(2).get("reason").asText()).contains("ts")
        .contains("yesterday");
    assertThat(body.get("rejected").get(3).get("reason").asText()).contains("older");
    assertThat(body.get("rejected").get(4).get("index").asInt()).isEqualTo(6);
  }

  @Test
  void malformedBodiesAre4xx() {
    HttpResponse<String> notJson = Http.postJson(server.url() + "/v1/odds", "[{\"match\":");
    HttpResponse<String> notArray = Http.postJson(server.url() + "/v1/odds", "{}");
    HttpResponse<String> wrongType = Http.send(HttpRequest.newBuilder(
        URI.create(server.url() + "/v1/odds")).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("[]")));
    HttpResponse<String> tooBig = Http.postJson(server.url() + "/v1/odds",
        "[" + "\"x\",".repeat(600_000) + "\"x\"]");

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).get("field").asText()).isEqualTo("body");
    assertThat(notArray.statusCode()).isEqualTo(400);
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(json(wrongType).get("field").asText()).isEqualTo("Content-Type");
    assertThat(tooBig.statusCode()).isEqualTo(413);
  }

  @Test
  void goalEventInvalidatesSurgically() {
    for (String market : new String[] {"1x2", "btts", "corners"}) {
      Http.get(server.url() + "/p/predictions/rma-fcb-" + market, "X-Match-Id", "rma-fcb",
          "X-Markets", market);
    }

    HttpResponse<String> r = Http.postJson(server.url() + "/v1/events",
        "{\"match\":\"rma-fcb\",\"type\":\"GOAL\"}");

    JsonNode report = json(r);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(report.get("keysDeleted").asInt()).isEqualTo(2);
    assertThat(report.get("marketsAffected").toString()).contains("1x2").contains("btts");
    assertThat(report.get("marketsPreserved").toString()).contains("corners");
    assertThat(report.get("cpuSavedPct").asDouble()).isEqualTo(33.33);
    assertThat(Http.get(server.url() + "/p/predictions/rma-fcb-corners", "X-Match-Id", "rma-fcb",
        "X-Markets", "corners").headers().firstValue("X-Cache")).hasValue("HIT");
  }

  @Test
  void badEventsAre400() {
    HttpResponse<String> unknown = Http.postJson(server.url() + "/v1/events",
        "{\"match\":\"m\",\"type\":\"EARTHQUAKE\"}");
    HttpResponse<String> shock = Http.postJson(server.url() + "/v1/events",
        "{\"match\":\"m\",\"type\":\"ODDS_SHOCK\"}");

    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).get("field").asText()).isEqualTo("type");
    assertThat(json(unknown).get("detail").asText()).contains("EARTHQUAKE");
    assertThat(shock.statusCode()).isEqualTo(400);
    assertThat(json(shock).get("field").asText()).isEqualTo("market");
  }

  @Test
  void decisionsMatchExplain() {
    JsonNode d = json(Http.postJson(server.url() + "/v1/decisions",
        "{\"competition\":\"Ligue 1\",\"status\":\"panic\",\"panicMinutes\":35,"
            + "\"baseTtlSeconds\":60}"));
    JsonNode co = json(Http.postJson(server.url() + "/v1/decisions",
        "{\"breakerMode\":\"circuit_open\",\"status\":\"normal\",\"baseTtlSeconds\":10}"));
    HttpResponse<String> bad = Http.postJson(server.url() + "/v1/decisions",
        "{\"breakerMode\":\"closed\"}");

    assertThat(d.get("ttlSeconds").asInt()).isEqualTo(5);
    assertThat(d.get("tier").asInt()).isEqualTo(2);
    assertThat(d.get("reasons").isArray()).isTrue();
    assertThat(co.get("ttlSeconds").asInt()).isEqualTo(60);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("field").asText()).isEqualTo("breakerMode");
  }

  @Test
  void statusListsPanicsWithTierAndStakes() {
    Http.get(server.url() + "/p/predictions/x", "X-Match-Id", "psg-om", "X-Competition",
        "Ligue 1", "X-Markets", "1x2", "X-Vix-Status", "PANIC");

    JsonNode status = json(Http.get(server.url() + "/v1/status"));

    assertThat(status.get("breaker").get("mode").asText()).isEqualTo("NORMAL");
    assertThat(status.get("breaker").has("panicRatio")).isTrue();
    assertThat(status.get("breaker").has("samples")).isTrue();
    assertThat(status.get("breaker").has("windowFull")).isTrue();
    JsonNode panic = status.get("panics").get(0);
    assertThat(panic.get("match").asText()).isEqualTo("psg-om");
    assertThat(panic.get("tier").asInt()).isEqualTo(1);
    assertThat(panic.get("stakes").asText()).isEqualTo("MEDIUM");
    assertThat(panic.has("sinceMillis")).isTrue();
    assertThat(panic.has("minutes")).isTrue();
    assertThat(status.get("store").get("kind").asText()).isEqualTo("memory");
    assertThat(status.get("store").get("healthy").asBoolean()).isTrue();
    assertThat(status.get("store").get("fallback").asBoolean()).isFalse();
  }

  @Test
  void timelineAndMetricsAndHealth() {
    Http.get(server.url() + "/p/predictions/x");
    HttpResponse<String> timeline = Http.get(server.url() + "/v1/timeline?seconds=60");
    HttpResponse<String> badSeconds = Http.get(server.url() + "/v1/timeline?seconds=-3");
    HttpResponse<String> metrics = Http.get(server.url() + "/metrics");

    assertThat(json(timeline).get("thresholds").get("openCircuit").asDouble()).isEqualTo(0.8);
    assertThat(json(timeline).get("seconds").isArray()).isTrue();
    assertThat(badSeconds.statusCode()).isEqualTo(400);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("oddscache_requests_total{strategy=\"compute\"}")
        .contains("oddscache_breaker_mode").contains("oddscache_loads_total");
    assertThat(json(Http.get(server.url() + "/health/live")).get("status").asText())
        .isEqualTo("up");
    assertThat(json(Http.get(server.url() + "/health/ready")).get("status").asText())
        .isEqualTo("ready");
  }

  @Test
  void adminClearsAndResetsWithClearErrors() {
    Http.get(server.url() + "/p/predictions/x", "X-Match-Id", "m");
    HttpResponse<String> cleared = Http.send(HttpRequest.newBuilder(
        URI.create(server.url() + "/v1/cache?match=m")).DELETE());
    HttpResponse<String> reset = Http.postJson(server.url() + "/v1/stats/reset?category=swr", "");
    HttpResponse<String> badReset =
        Http.postJson(server.url() + "/v1/stats/reset?category=nope", "");

    assertThat(json(cleared).get("keysDeleted").asInt()).isEqualTo(1);
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(badReset.statusCode()).isEqualTo(400);
    assertThat(json(badReset).get("field").asText()).isEqualTo("category");
  }

  @Test
  void tokensProtectWriteEndpoints() {
    server.start(b -> b.tokens(new AccessTokens("ingest-secret", "admin-secret")));

    HttpResponse<String> none = Http.postJson(server.url() + "/v1/odds", "[]");
    HttpResponse<String> wrong = Http.postJson(server.url() + "/v1/odds", "[]",
        "Authorization", "Bearer admin-secret");
    HttpResponse<String> right = Http.postJson(server.url() + "/v1/odds", "[]",
        "Authorization", "Bearer ingest-secret");
    HttpResponse<String> admin = Http.send(HttpRequest.newBuilder(
        URI.create(server.url() + "/v1/cache")).header("Authorization", "Bearer ingest-secret")
        .DELETE());

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(json(none).get("field").asText()).isEqualTo("Authorization");
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(admin.statusCode()).isEqualTo(403);
    assertThat(Http.postJson(server.url() + "/v1/decisions", "{}").statusCode()).isEqualTo(200);
  }

  @Test
  void refusesToBindBeyondLoopbackWithoutTokens() {
    assertThatThrownBy(() -> OddscacheServer.start(
        RunningServer.onFreePort(b -> b.network(n -> n.bind("0.0.0.0")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ODDSCACHE_INGEST_TOKEN").hasMessageContaining("0.0.0.0");
  }
}
