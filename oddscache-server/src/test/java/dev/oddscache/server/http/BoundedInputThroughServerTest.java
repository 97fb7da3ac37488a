package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.decision.Decider;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input the server does not control stays bounded: made-up panicking match ids (a request's
 * {@code X-Match-Id} needs no token) cannot grow its memory or its {@code /v1/status}, and ticks
 * dated in the future are refused instead of pinning a market.
 */
class BoundedInputThroughServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));

  @RegisterExtension
  final RunningServer server = RunningServer.startedByTest().onTicker(ticker);

  private static MatchContext panic(String match) {
    // What ContextHeaders builds from X-Match-Id, X-Competition and X-Vix-Status: PANIC.
    return MatchContext.builder(match).competition("Ligue 1").markets("1x2").status(Status.PANIC)
        .build();
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void twoHundredThousandMadeUpPanics_boundedMemoryAndStatus_theRealPanicListedFirst()
      throws Exception {
    server.start(b -> { });
    Decider decider = server.get().cache().decider();
    decider.decide(panic("real"));
    for (int i = 0; i < 200_000; i++) {
      decider.decide(panic("made-up-" + i));
      if (i % 1_000 == 0) {
        ticker.advance(Duration.ofMillis(10));
        decider.decide(panic("real"));
      }
    }
    ticker.advance(Duration.ofMinutes(4));
    decider.decide(panic("real"));

    assertThat(decider.panickingMatches()).hasSizeLessThanOrEqualTo(
        PanicClockConfig.DEFAULT_MAX_MATCHES).containsKey("real");
    HttpResponse<String> r = Http.get(server.url() + "/v1/status");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(100_000);
    JsonNode status = json(r);
    long total = status.get("panicCount").get("total").asLong();
    assertThat(total).isEqualTo(decider.panickingMatches().size());
    assertThat(status.get("panics").size()).isEqualTo(PanicListing.DEFAULT_LIMIT);
    assertThat(status.get("panics").get(0).get("match").asText())
        .as("longest panic first among tier 1").isEqualTo("real");
    assertThat(status.get("panicsPage").get("next").asInt()).isEqualTo(PanicListing.DEFAULT_LIMIT);

    String scrape = Http.get(server.url() + "/metrics").body();
    assertThat(scrape).contains("oddscache_matches_evicted_total{structure=\"panicking\"}")
        .contains("oddscache_matches_evicted_total{structure=\"panic_clock\"}");
  }

  @Test
  void panicsArePaged_inTierOrder_withTotalsPerTier() throws Exception {
    server.start(b -> { });
    Decider decider = server.get().cache().decider();
    decider.decide(panic("long"));
    ticker.advance(Duration.ofMinutes(31));
    decider.decide(panic("long"));
    for (int i = 0; i < 5; i++) {
      decider.decide(panic("new-" + i));
    }

    JsonNode first = json(Http.get(server.url() + "/v1/status?panicsLimit=2"));
    assertThat(first.get("panicCount").toString())
        .isEqualTo("{\"total\":6,\"byTier\":{\"1\":5,\"2\":1,\"3\":0,\"4\":0}}");
    assertThat(first.get("panics").get(0).get("match").asText()).isEqualTo("long");
    assertThat(first.get("panics").get(0).get("tier").asInt()).isEqualTo(2);
    assertThat(first.get("panics").get(1).get("match").asText()).isEqualTo("new-0");
    assertThat(first.get("panicsPage").toString())
        .isEqualTo("{\"offset\":0,\"limit\":2,\"next\":2}");

    JsonNode last = json(Http.get(server.url() + "/v1/status?panicsOffset=4&panicsLimit=10"));
    assertThat(last.get("panics").size()).isEqualTo(2);
    assertThat(last.get("panics").get(1).get("match").asText()).isEqualTo("new-4");
    assertThat(last.get("panicsPage").get("next").isNull()).isTrue();
  }

  @Test
  void badPageParameters_are400NamingTheParameter() throws Exception {
    server.start(b -> { });

    HttpResponse<String> tooMany = Http.get(server.url() + "/v1/status?panicsLimit=1001");
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(json(tooMany).get("field").asText()).isEqualTo("panicsLimit");
    assertThat(json(tooMany).get("error").asText())
        .isEqualTo("panicsLimit must be a whole number in [0, 1000]");

    HttpResponse<String> negative = Http.get(server.url() + "/v1/status?panicsOffset=-1");
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(json(negative).get("field").asText()).isEqualTo("panicsOffset");

    HttpResponse<String> text = Http.get(server.url() + "/v1/status?panicsOffset=abc");
    assertThat(json(text).get("detail").asText()).isEqualTo("abc");
  }

  @Test
  void futureTicks_areRejectedNamingTsAndPt_realTicksStillCount() throws Exception {
    server.start(b -> { });
    long now = ticker.epochMillis();
    long ahead = now + Duration.ofHours(2).toMillis();

    JsonNode odds = json(Http.postJson(server.url() + "/v1/odds",
        "[{\"match\":\"m\",\"market\":\"1x2\",\"selection\":\"home\",\"odds\":2.0,\"ts\":" + ahead
            + "},{\"match\":\"m\",\"market\":\"1x2\",\"selection\":\"home\",\"odds\":2.1,\"ts\":"
            + now + "}]"));
    assertThat(odds.get("accepted").asInt()).as("the real tick is not out of order").isEqualTo(1);
    assertThat(odds.get("rejected").get(0).get("index").asInt()).isZero();
    assertThat(odds.get("rejected").get(0).get("reason").asText()).isEqualTo("ts: timestampMillis"
        + " must be at most maxFutureSkew PT5M ahead of the clock, got " + ahead
        + " (2026-03-01T20:00:00Z, PT2H ahead of 2026-03-01T18:00:00Z)");

    String definition = "{\"op\":\"mcm\",\"pt\":" + now + ",\"mc\":[{\"id\":\"1.1\","
        + "\"marketDefinition\":{\"eventId\":\"e\",\"marketType\":\"MATCH_ODDS\","
        + "\"status\":\"OPEN\",\"inPlay\":false,\"runners\":[]}}]}";
    String prices = "{\"op\":\"mcm\",\"pt\":" + ahead + ",\"mc\":[{\"id\":\"1.1\","
        + "\"rc\":[{\"id\":1,\"ltp\":2.0}]}]}";
    JsonNode betfair = json(Http.postJson(server.url() + "/v1/odds/betfair",
        definition + "\n" + prices + "\n"));
    assertThat(betfair.get("accepted").asInt()).isZero();
    assertThat(betfair.get("rejected").get(0).get("reason").asText())
        .startsWith("pt: timestampMillis must be at most maxFutureSkew PT5M ahead of the clock,"
            + " got " + ahead);
  }

  @Test
  void configuredCaps_bindTheServersStructures() {
    server.start(b -> b.vix(v -> v.detector(d -> d.maxMatches(10)))
        .policy(p -> p.panicClock(PanicClockConfig.custom().maxMatches(10).build())));
    Decider decider = server.get().cache().decider();
    for (int i = 0; i < 50; i++) {
      ticker.advance(Duration.ofMillis(1));
      decider.decide(panic("m" + i));
    }
    StringBuilder ticks = new StringBuilder("[");
    for (int i = 0; i < 50; i++) {
      ticks.append(i == 0 ? "" : ",").append("{\"match\":\"t").append(i)
          .append("\",\"market\":\"1x2\",\"selection\":\"home\",\"odds\":2.0,\"ts\":")
          .append(ticker.epochMillis()).append('}');
    }
    Http.postJson(server.url() + "/v1/odds", ticks.append(']').toString());

    assertThat(decider.panickingMatches()).hasSizeLessThanOrEqualTo(10).containsKey("m49");
    assertThat(server.get().cache().vix().matchCount()).isLessThanOrEqualTo(10);
    assertThat(decider.panicClock().matchEvictions()).isPositive();
  }
}
