package dev.oddscache.server.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.server.http.Http;
import dev.oddscache.server.http.OddscacheServer;
import dev.oddscache.server.http.TestUpstream;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.testing.RunningServer;
import dev.oddscache.testing.Poll;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.VixDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two real servers on one real redis-server, as a fleet: odds posted to one reach the other's
 * detector through the tick stream, the other lists the first one's panics and shows the shared
 * breaker without serving anything, a new instance replays the stream, and Redis being down
 * means ticks apply where they were posted and reach the others once it is back. Both servers
 * decide on one manual clock, so that panic durations and breaker seconds move only when the
 * test says.
 */
class FleetThroughServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] CONTEXT =
      {"X-Match-Id", "m1", "X-Markets", "1x2", "X-Stakes", "LOW"};

  private final TestUpstream upstream = new TestUpstream();
  private final ManualTicker ticker = new ManualTicker();
  private final String prefix = SharedRedisServer.uniqueName();

  @RegisterExtension
  final RunningServer a = RunningServer.startedByTest().onTicker(ticker);
  @RegisterExtension
  final RunningServer b = RunningServer.startedByTest().onTicker(ticker).thenClosing(upstream);

  private OddscacheServer start(RunningServer server, String redisUri,
      Consumer<ServerSettings.Builder> change) {
    return server.start(s -> {
      RunningServer.upstream(upstream.url()).accept(s);
      s.store(st -> st.redisUri(redisUri).redisPrefix(prefix)
          .redisCommandTimeout(SharedRedisServer.COMMAND_TIMEOUT));
      change.accept(s);
    });
  }

  private OddscacheServer start(RunningServer server) {
    return start(server, SharedRedisServer.uri(), s -> {});
  }

  /** Two ticks of one selection, the second a jump: the market panics at the clock's now. */
  private String panicTicks(String base, double from) {
    long now = ticker.epochMillis();
    HttpResponse<String> r = Http.postJson(base + "/v1/odds", String.format(Locale.ROOT,
        "[{\"match\":\"m1\",\"market\":\"1x2\",\"selection\":\"home\",\"odds\":%s,\"ts\":%d},"
            + "{\"match\":\"m1\",\"market\":\"1x2\",\"selection\":\"home\",\"odds\":%s,"
            + "\"ts\":%d}]", from, now - 1, from * 2, now));
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static JsonNode decision(String base) {
    return json(Http.postJson(base + "/v1/decisions",
        "{\"match\":\"m1\",\"markets\":[\"1x2\"],\"stakes\":\"LOW\"}"));
  }

  private static JsonNode status(String base) {
    return json(Http.get(base + "/v1/status"));
  }

  private static JsonNode json(HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static VixDetector vix(OddscacheServer server) {
    return server.cache().decider().vix();
  }

  @Test
  void oddsPostedOnlyToA_makeBAnswerPanic_withAsTier_within1s() {
    OddscacheServer serverA = start(a);
    OddscacheServer serverB = start(b);

    assertThat(panicTicks(serverA.url(), 2.0)).isEqualTo("{\"accepted\":2,\"rejected\":[]}");
    HttpResponse<String> served = Http.get(serverA.url() + "/p/predictions/m1", CONTEXT);
    String tierOfA = served.headers().firstValue("X-Oddscache-Tier").orElseThrow();

    assertThat(tierOfA).isEqualTo("1");
    Poll.await("B decides PANIC from A's ticks").atMost(Duration.ofSeconds(1))
        .untilAsserted(() -> {
          JsonNode d = decision(serverB.url());
          assertThat(d.get("status").asText()).isEqualTo("PANIC");
          assertThat(d.get("tier").asText()).isEqualTo(tierOfA);
        });
    assertThat(decision(serverA.url()).get("tier").asText()).isEqualTo(tierOfA);
    assertThat(vix(serverA).acceptedTicks()).as("A applies its own ticks once, from the stream")
        .isEqualTo(2);
    assertThat(vix(serverB).acceptedTicks()).isEqualTo(2);
  }

  @Test
  void rejections_areTheSameAsWithoutTheFeed() {
    OddscacheServer serverA = start(a);
    panicTicks(serverA.url(), 2.0);

    HttpResponse<String> r = Http.postJson(serverA.url() + "/v1/odds", String.format(Locale.ROOT,
        "[{\"match\":\"m1\",\"market\":\"1x2\",\"selection\":\"home\",\"odds\":3.0,\"ts\":%d},"
            + "{\"match\":\"m1\",\"market\":\"1x2\",\"selection\":\"away\",\"odds\":0.5,"
            + "\"ts\":%d},{\"match\":\"m1\"}]",
        ticker.epochMillis() - 60_000, ticker.epochMillis()));

    assertThat(r.body()).isEqualTo("{\"accepted\":0,\"rejected\":["
        + "{\"index\":0,\"reason\":\"ts is older than this selection's last tick: ignored\"},"
        + "{\"index\":1,\"reason\":\"odds must be a finite number > 1.0, got 0.5\"},"
        + "{\"index\":2,\"reason\":\"market is required\"}]}");
    assertThat(vix(serverA).rejectedTicks()).isEqualTo(1);
    assertThat(vix(serverA).outOfOrderTicks()).isEqualTo(1);
  }

  @Test
  void betfairStreamPostedToA_reachesB_suspensionsIncluded() {
    OddscacheServer serverA = start(a);
    OddscacheServer serverB = start(b);
    long pt = ticker.epochMillis();
    String body = String.join("\n", definition(pt - 4, "OPEN"), prices(pt - 3, 3.0),
        prices(pt - 2, 2.0), definition(pt - 1, "SUSPENDED"), prices(pt, 9.0)) + "\n";

    HttpResponse<String> r = Http.send(HttpRequest.newBuilder(
        URI.create(serverA.url() + "/v1/odds/betfair"))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(r.body()).isEqualTo("{\"accepted\":2,\"rejected\":[]}");
    VixDetector ticksOnly = VixDetector.ofDefaults();
    ticksOnly.accept(new OddsTick("31389771", "win", "1", 3.0, pt - 3));
    ticksOnly.accept(new OddsTick("31389771", "win", "1", 2.0, pt - 2));
    long now = ticker.epochMillis();
    long epochOfA = vix(serverA).epoch("31389771", "win", now);
    assertThat(epochOfA).as("the suspension advanced A's epoch")
        .isNotEqualTo(ticksOnly.epoch("31389771", "win", now));
    Poll.await("B has A's ticks and suspension").untilAsserted(() -> {
      assertThat(vix(serverB).acceptedTicks()).isEqualTo(2);
      assertThat(vix(serverB).epoch("31389771", "win", now)).isEqualTo(epochOfA);
    });
    assertThat(vix(serverA).acceptedTicks()).isEqualTo(2);
  }

  private static String definition(long pt, String status) {
    return "{\"op\":\"mcm\",\"clk\":\"A\",\"pt\":" + pt + ",\"mc\":[{\"id\":\"1.100\","
        + "\"marketDefinition\":{\"eventId\":\"31389771\",\"marketType\":\"WIN\","
        + "\"marketTime\":\"2022-04-19T18:26:00.000Z\",\"inPlay\":false,\"status\":\""
        + status + "\",\"runners\":[]}}]}";
  }

  private static String prices(long pt, double ltp) {
    return "{\"op\":\"mcm\",\"clk\":\"B\",\"pt\":" + pt + ",\"mc\":[{\"id\":\"1.100\","
        + "\"rc\":[{\"id\":1,\"ltp\":" + ltp + "}]}]}";
  }

  @Test
  void statusOfB_listsAsPanic_withAsStartAndTier_beforeBServesIt() {
    OddscacheServer serverA = start(a);
    OddscacheServer serverB = start(b);
    panicTicks(serverA.url(), 2.0);
    Http.get(serverA.url() + "/p/predictions/m1", CONTEXT);
    long start = ticker.epochMillis();
    // Past the first LOW-stakes tier (15 min), the panic going on.
    ticker.advance(Duration.ofMinutes(16));
    panicTicks(serverA.url(), 4.0);
    HttpResponse<String> later = Http.get(serverA.url() + "/p/predictions/m1", CONTEXT);
    assertThat(later.headers().firstValue("X-Oddscache-Tier")).hasValue("2");

    Poll.await("A's panic listed by B").untilAsserted(() -> {
      JsonNode panics = status(serverB.url()).get("panics");
      assertThat(panics).hasSize(1);
      assertThat(panics.get(0).get("match").asText()).isEqualTo("m1");
      assertThat(panics.get(0).get("sinceMillis").asLong()).isEqualTo(start);
      assertThat(panics.get(0).get("tier").asInt()).isEqualTo(2);
      assertThat(panics.get(0).get("stakes").asText()).isEqualTo("LOW");
      assertThat(panics.get(0).get("minutes").asDouble()).isEqualTo(16.0);
    });
    assertThat(serverB.cache().decider().panickingMatches()).as("B served nothing").isEmpty();
    JsonNode instances = status(serverB.url()).get("instances");
    assertThat(instances.findValuesAsText("url")).as("each in the view as soon as it serves")
        .containsExactlyInAnyOrder(serverA.url(), serverB.url());
    assertThat(instances.findValuesAsText("self")).containsExactlyInAnyOrder("true", "false");
  }

  @Test
  void idleB_showsTheSharedBreakerMode() {
    Consumer<ServerSettings.Builder> fewSamples = s -> s.policy(p -> p.breaker(
        BreakerConfig.custom().minSamples(5).build()));
    OddscacheServer serverA = start(a, SharedRedisServer.uri(), fewSamples);
    OddscacheServer serverB = start(b, SharedRedisServer.uri(), fewSamples);
    for (int i = 0; i < 20; i++) {
      Http.get(serverA.url() + "/p/predictions/k" + i, "X-Match-Id", "m" + i, "X-Markets", "1x2",
          "X-Vix-Status", "PANIC");
    }
    ticker.advanceSeconds(1);
    // A's own evaluation of the new second sends its completed second to the shared window.
    Poll.await("A flushed its second").untilAsserted(() ->
        assertThat(status(serverA.url()).get("breaker").get("samples").asLong()).isEqualTo(20));
    ticker.advanceSeconds(1);

    Poll.await("idle B shows the shared mode").untilAsserted(() -> {
      JsonNode breaker = status(serverB.url()).get("breaker");
      assertThat(breaker.get("mode").asText()).isEqualTo("CIRCUIT_OPEN");
      assertThat(breaker.get("samples").asLong()).isEqualTo(20);
      assertThat(breaker.get("panicRatio").asDouble()).isEqualTo(1.0);
    });
    assertThat(status(serverB.url()).get("instances").findValuesAsText("breakerMode"))
        .containsOnly("CIRCUIT_OPEN");
  }

  @Test
  void newInstance_isWarmedByTheStreamBeforeItServes() {
    OddscacheServer serverA = start(a);
    panicTicks(serverA.url(), 2.0);

    OddscacheServer serverB = start(b);

    assertThat(vix(serverB).acceptedTicks()).as("replayed during start").isEqualTo(2);
    assertThat(vix(serverB).matchStatus("m1", ticker.epochMillis())).isEqualTo(Status.PANIC);
    assertThat(status(serverB.url()).get("feed").get("appliedFromStream").asLong()).isEqualTo(2);
  }

  @Test
  void redisDown_ticksApplyWhereTheyArePosted_andReachTheOthersOnceItIsBack() {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      OddscacheServer serverA = start(a, redis.uri(), s -> {});
      OddscacheServer serverB = start(b, redis.uri(), s -> {});
      redis.stop();

      assertThat(panicTicks(serverA.url(), 2.0)).isEqualTo("{\"accepted\":2,\"rejected\":[]}");

      assertThat(vix(serverA).matchStatus("m1", ticker.epochMillis()))
          .as("applied on A at once").isEqualTo(Status.PANIC);
      assertThat(vix(serverB).acceptedTicks()).isZero();
      redis.restart();
      Poll.await("A's ticks reach B").untilAsserted(() ->
          assertThat(vix(serverB).acceptedTicks()).isEqualTo(2));
      assertThat(vix(serverB).matchStatus("m1", ticker.epochMillis())).isEqualTo(Status.PANIC);
      Poll.await("A's backlog appended").untilAsserted(() -> {
        JsonNode feed = status(serverA.url()).get("feed");
        assertThat(feed.get("backlog").asLong()).isZero();
        assertThat(feed.get("appliedLocally").asLong()).isEqualTo(2);
      });
      assertThat(vix(serverA).acceptedTicks()).as("not applied again on A").isEqualTo(2);
    }
  }
}
