package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.betfair.IngestResult;
import dev.oddscache.server.settings.BetfairSettings;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest limit, with ingests held in progress at will: one more than the limit is refused
 * with 503 and {@code Retry-After} while they run, and taken again once one ends.
 */
class BetfairRouteLimitTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final IngestResult NOTHING = new IngestResult(0, 0, 0, List.of(), 0, 0);

  private final CountDownLatch entered = new CountDownLatch(2);
  private final CountDownLatch release = new CountDownLatch(1);
  private Javalin app;

  @BeforeEach
  void start() {
    BetfairRoute route = new BetfairRoute(text -> {
      entered.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return NOTHING;
    }, BetfairSettings.custom().maxConcurrentIngests(2).build());
    app = Javalin.create(c -> c.showJavalinBanner = false);
    app.post("/v1/odds/betfair", route::post);
    ErrorResponses.install(app);
    app.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    release.countDown();
    app.stop();
  }

  private HttpResponse<String> post() {
    return Http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + app.port() + "/v1/odds/betfair"))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofString("{}\n")));
  }

  @Test
  void oneMoreThanTheLimit_is503WithRetryAfter_untilAnIngestEnds() throws Exception {
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(this::post);
    CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(this::post);
    assertThat(entered.await(10, TimeUnit.SECONDS)).as("both ingests running").isTrue();

    HttpResponse<String> refused = post();

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    JsonNode body = JSON.readTree(refused.body());
    assertThat(body.get("error").asText()).isEqualTo("too many Betfair ingests at once");
    assertThat(body.get("detail").asText()).contains("at most 2", "betfair.maxConcurrentIngests");

    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(post().statusCode()).isEqualTo(200);
  }

  @Test
  void aFailedIngest_freesItsSlot() throws IOException {
    BetfairRoute failing = new BetfairRoute(text -> {
      throw new IOException("corrupt");
    }, BetfairSettings.custom().maxConcurrentIngests(1).build());
    app.post("/failing", failing::post);

    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = Http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + app.port() + "/failing"))
          .POST(HttpRequest.BodyPublishers.ofString("{}\n")));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
      assertThat(JSON.readTree(r.body()).get("detail").asText()).isEqualTo("corrupt");
    }
  }
}
