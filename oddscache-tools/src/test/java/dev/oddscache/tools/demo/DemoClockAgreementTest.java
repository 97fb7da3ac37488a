package dev.oddscache.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.ManualTicker;
import dev.oddscache.server.http.OddscacheServer;
import dev.oddscache.server.settings.DemoClock;
import dev.oddscache.server.settings.ServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's clock agrees with itself: the demo's server (policy durations compressed 60 times,
 * durations shown in story time) on a manual ticker, with one panicking match per stakes, is read
 * every 0.53 real seconds (31.8 story seconds) for six story hours. At every reading, each
 * match's {@code minutes} in {@code /v1/status} is the story time since its panic began, and its
 * tier is the one the quota table gives for those minutes and its stakes, as the table is
 * documented (in minutes, not compressed), and the one the proxy's decision carried at that
 * moment.
 */
class DemoClockAgreementTest {
  private static final double SPEED = 60;
  private static final long STEP_MILLIS = 530;
  private static final int STEPS = 700;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The quota table: the story minutes at which tiers 2, 3 and 4 begin, per stakes. */
  private static final Map<String, double[]> TIER_STARTS = Map.of(
      "HIGH", new double[] {60, 180, 360},
      "MEDIUM", new double[] {30, 90, 180},
      "LOW", new double[] {15, 45, 90});

  /** Match id to competition: one per stakes. */
  private static final Map<String, String> MATCHES = Map.of(
      "ucl-final", "Champions League",
      "psg-om", "Ligue 1",
      "caen-metz", "Ligue 2");

  @Test
  void statusMinutesAndTiersAgreeWithTheQuotaTableAtEverySample() throws IOException {
    ManualTicker ticker = new ManualTicker();
    long start = ticker.epochMillis();
    try (DemoUpstream upstream = new DemoUpstream(1);
        OddscacheServer server = OddscacheServer.start(
            ServerSettings.from(DemoSettings.scaled(ServerSettings.ofDefaults(), SPEED))
                .proxy(p -> p.upstream(URI.create(upstream.url())))
                .network(n -> n.port(0)).build(),
            ticker, DemoClock.accelerated(SPEED, start))) {
      Map<String, Integer> tiersSeen = new HashMap<>();
      for (int step = 0; step < STEPS; step++) {
        Map<String, String> decided = new HashMap<>();
        MATCHES.forEach((match, competition) -> decided.put(match, panicRequest(server, match,
            competition)));
        long storyMillis = Math.round(step * STEP_MILLIS * SPEED);
        double expectedMinutes = storyMillis / 6_000 / 10.0;
        JsonNode status = JSON.readTree(get(server.url() + "/v1/status").body());
        String at = "story minute " + storyMillis / 60_000.0 + ": " + status;

        assertThat(status.path("clock").path("speed").asDouble()).isEqualTo(SPEED);
        assertThat(status.path("clock").path("elapsedMillis").asLong()).as(at)
            .isEqualTo(storyMillis);
        assertThat(status.path("breaker").path("windowSeconds").asDouble()).as(at)
            .isEqualTo(1800.0);
        JsonNode panics = status.path("panics");
        assertThat(panics).as(at).hasSize(MATCHES.size());
        for (JsonNode p : panics) {
          String match = p.path("match").asText();
          double minutes = p.path("minutes").asDouble();
          int tier = p.path("tier").asInt();
          assertThat(minutes).as(at).isEqualTo(expectedMinutes);
          assertThat(tier).as("tier of %s at %s", match, at)
              .isEqualTo(tableTier(p.path("stakes").asText(), minutes));
          assertThat(decided.get(match)).as("the proxy's tier of %s at %s", match, at)
              .isEqualTo(Integer.toString(tier));
          tiersSeen.merge(match, tier, Math::max);
        }
        ticker.advanceMillis(STEP_MILLIS);
      }
      assertThat(tiersSeen).as("every tier reached within six story hours")
          .containsEntry("ucl-final", 4).containsEntry("psg-om", 4)
          .containsEntry("caen-metz", 4);
    }
  }

  private static String panicRequest(OddscacheServer server, String match, String competition) {
    HttpResponse<String> response = get(server.url() + "/p/predictions/" + match + "/1x2/0",
        "X-Match-Id", match, "X-Competition", competition, "X-Markets", "1x2",
        "X-Vix-Status", "PANIC");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.headers().firstValue("X-Oddscache-Tier").orElse("none");
  }

  private static HttpResponse<String> get(String url, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int tableTier(String stakes, double minutes) {
    double[] starts = TIER_STARTS.get(stakes);
    int tier = 1;
    for (double s : starts) {
      if (minutes >= s) {
        tier++;
      }
    }
    return tier;
  }
}
