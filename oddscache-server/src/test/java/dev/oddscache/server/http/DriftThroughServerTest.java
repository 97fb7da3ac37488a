package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.cache.Freshness;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.cache.PressureConfig;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Price drift through a real server on a manual clock: odds ticks posted to {@code /v1/odds},
 * proxied answers from a real upstream, and what {@code Cache-Status}, {@code
 * X-Oddscache-Freshness}, {@code /v1/status} and {@code /metrics} say about each drift verdict;
 * without ticks the answers are exactly those of the TTL rule.
 */
class DriftThroughServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CONTEXT = {"X-Match-Id", "m1", "X-Markets", "1x2"};

  private final TestUpstream upstream = new TestUpstream();
  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));

  @RegisterExtension
  final RunningServer server = RunningServer.startedByTest().onTicker(ticker)
      .thenClosing(upstream);

  private void start(Consumer<ServerSettings.Builder> change) {
    server.start(b -> {
      RunningServer.upstream(upstream.url()).accept(b);
      change.accept(b);
    });
  }

  private HttpResponse<String> get(String... headers) {
    return Http.get(server.url() + "/p/predictions/m1", headers);
  }

  private void tick(String market, double odds) {
    HttpResponse<String> r = Http.postJson(server.url() + "/v1/odds", String.format(Locale.ROOT,
        "[{\"match\":\"m1\",\"market\":\"%s\",\"selection\":\"home\",\"odds\":%s,\"ts\":%d}]",
        market, odds, ticker.epochMillis()));
    assertThat(r.body()).isEqualTo("{\"accepted\":1,\"rejected\":[]}");
  }

  private static String cacheStatus(HttpResponse<String> r) {
    return r.headers().firstValue("Cache-Status").orElseThrow();
  }

  private JsonNode status() {
    try {
      return JSON.readTree(Http.get(server.url() + "/v1/status").body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void unmovedPricesAreAHit_movedOnesReload() {
    start(b -> { });
    tick("1x2", 2.0);
    HttpResponse<String> miss = get(CONTEXT);
    ticker.advanceSeconds(2);

    HttpResponse<String> unmoved = get(CONTEXT);
    ticker.advanceSeconds(1);
    tick("1x2", 2.1);
    HttpResponse<String> drifted = get(CONTEXT);
    HttpResponse<String> again = get(CONTEXT);

    assertThat(cacheStatus(miss)).isEqualTo("oddscache; fwd=uri-miss; fwd-status=200; stored");
    assertThat(unmoved.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(cacheStatus(unmoved)).isEqualTo("oddscache; hit; ttl=298; detail=drift-unmoved");
    assertThat(unmoved.headers().firstValue("X-Oddscache-Freshness"))
        .hasValue("fresh until 1x2 moves 2.02%, at most 300s");
    assertThat(unmoved.body()).isEqualTo(miss.body()).contains("\"n\":1");

    assertThat(drifted.headers().firstValue("X-Cache")).hasValue("BYPASS");
    assertThat(cacheStatus(drifted))
        .isEqualTo("oddscache; fwd=stale; fwd-status=200; stored; detail=drifted");
    assertThat(drifted.headers().firstValue("X-Oddscache-Freshness"))
        .hasValue("drifted: 1x2 moved since the load, reloaded");
    assertThat(drifted.body()).contains("\"n\":2");
    // The reloaded answer is stamped at the new epoch: unmoved again.
    assertThat(cacheStatus(again)).isEqualTo("oddscache; hit; ttl=300; detail=drift-unmoved");
    assertThat(upstream.calls).hasValue(2);
  }

  @Test
  void aDriftedAnswerIsNotServedStaleEvenToMaxStale() {
    start(b -> { });
    tick("1x2", 2.0);
    get(CONTEXT);
    // A jump: PANIC, where max-stale alone would accept the stored answer.
    tick("1x2", 2.5);

    HttpResponse<String> r = get("X-Match-Id", "m1", "X-Markets", "1x2",
        "Cache-Control", "max-stale=600");

    assertThat(r.headers().firstValue("X-Cache")).hasValue("BYPASS");
    assertThat(cacheStatus(r)).endsWith("; detail=drifted");
    assertThat(r.body()).contains("\"n\":2");
  }

  @Test
  void underBackendPressure_theFloorHoldsAMovedAnswer_thenItReloads() {
    start(b -> b.policy(p -> p
        .breaker(BreakerConfig.custom().floors(BreakerFloors.from(BreakerFloors.ofDefaults())
            .floor(BreakerMode.NORMAL, Status.NORMAL, 30).build()).build())
        .cache(OddsCacheConfig.custom()
            .pressure(PressureConfig.custom().loadBudgetPerSecond(1).build()).build())));
    tick("1x2", 2.0);
    get(CONTEXT);
    tick("1x2", 2.1);

    // The load just made is the whole budget of this second.
    HttpResponse<String> held = get(CONTEXT);
    JsonNode pressure = status().get("pressure");
    String metrics = Http.get(server.url() + "/metrics").body();
    ticker.advanceSeconds(3);
    JsonNode calm = status().get("pressure");
    String calmMetrics = Http.get(server.url() + "/metrics").body();
    HttpResponse<String> reloaded = get(CONTEXT);

    assertThat(held.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(cacheStatus(held)).isEqualTo("oddscache; hit; ttl=30; detail=drift-held");
    assertThat(held.headers().firstValue("X-Oddscache-Freshness")).hasValue("drifted: 1x2 moved"
        + " since the load, but held by the 30s floor: backend under pressure (1 loads/s against"
        + " a budget of 1)");
    assertThat(held.body()).contains("\"n\":1");
    assertThat(pressure.get("underPressure").asBoolean()).isTrue();
    assertThat(pressure.get("loadsPerSecond").asDouble()).isEqualTo(1.0);
    assertThat(pressure.get("reason").asText()).isEqualTo("1 loads/s against a budget of 1");
    assertThat(calm.get("underPressure").asBoolean()).isFalse();
    assertThat(calm.get("reason").asText()).isEqualTo("none");
    assertThat(metrics).contains("\noddscache_backend_pressure 1.0\n")
        .contains("\noddscache_backend_latency_ratio 1.0\n");
    assertThat(calmMetrics).contains("\noddscache_backend_pressure 0.0\n");

    assertThat(cacheStatus(reloaded))
        .isEqualTo("oddscache; fwd=stale; fwd-status=200; stored; detail=drifted");
    assertThat(reloaded.headers().firstValue("X-Oddscache-Freshness")).hasValue("drifted: 1x2"
        + " moved since the load, reloaded (floor 30s not applied: backend has headroom)");
    assertThat(reloaded.body()).contains("\"n\":2");
  }

  @Test
  void withoutTicksForItsMarkets_anAnswerKeepsTheTtlRulesCacheStatus() {
    start(b -> { });
    tick("over_under_25", 1.9);

    HttpResponse<String> miss = get(CONTEXT);
    ticker.advanceSeconds(5);
    HttpResponse<String> hit = get(CONTEXT);
    HttpResponse<String> noContext = Http.get(server.url() + "/p/predictions/other");

    assertThat(cacheStatus(miss)).isEqualTo("oddscache; fwd=uri-miss; fwd-status=200; stored");
    assertThat(cacheStatus(hit)).isEqualTo("oddscache; hit; ttl=295");
    assertThat(cacheStatus(noContext))
        .isEqualTo("oddscache; fwd=uri-miss; fwd-status=200; stored");
    for (HttpResponse<String> r : List.of(miss, hit, noContext)) {
      assertThat(r.headers().firstValue("X-Oddscache-Freshness")).isEmpty();
    }
  }

  @Test
  void freshnessTtl_ignoresMovedPrices() {
    start(b -> b.policy(p -> p.cache(OddsCacheConfig.custom().freshness(Freshness.TTL).build())));
    tick("1x2", 2.0);
    get(CONTEXT);
    // Moved by about 5%: past the drift threshold, short of a jump (which would be a PANIC).
    tick("1x2", 2.1);

    HttpResponse<String> hit = get(CONTEXT);

    assertThat(cacheStatus(hit)).isEqualTo("oddscache; hit; ttl=300");
    assertThat(hit.headers().firstValue("X-Oddscache-Freshness")).isEmpty();
    assertThat(status().get("freshness").asText()).isEqualTo("TTL");
    assertThat(upstream.calls).hasValue(1);
  }

  @Test
  void status_showsPressureAndTheFreshnessRule() {
    start(b -> { });

    JsonNode status = status();

    assertThat(status.get("freshness").asText()).isEqualTo("DRIFT");
    JsonNode pressure = status.get("pressure");
    List<String> keys = new ArrayList<>();
    pressure.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly(
        "underPressure", "occupancy", "waiting", "latencyRatio", "loadsPerSecond", "reason");
    assertThat(pressure.get("underPressure").asBoolean()).isFalse();
    assertThat(pressure.get("occupancy").asDouble()).isZero();
    assertThat(pressure.get("waiting").asBoolean()).isFalse();
    assertThat(pressure.get("latencyRatio").asDouble()).isEqualTo(1.0);
    assertThat(pressure.get("loadsPerSecond").asDouble()).isZero();
    assertThat(pressure.get("reason").asText()).isEqualTo("none");
  }
}
