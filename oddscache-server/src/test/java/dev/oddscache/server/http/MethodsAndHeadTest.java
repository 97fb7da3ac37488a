package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.ManualTicker;
import dev.oddscache.server.testing.RunningServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A known path asked with a method it does not serve is a 405 naming the methods it does in
 * {@code Allow}; HEAD carries the {@code Content-Length} its GET would have (RFC 9110 §9.3.2,
 * §15.5.6).
 */
class MethodsAndHeadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final TestUpstream upstream = new TestUpstream();
  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url).onTicker(ticker)
      .thenClosing(upstream);

  private HttpResponse<String> send(String method, String path) {
    return Http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()));
  }

  @ParameterizedTest(name = "{0} {1} -> 405, Allow: {2}")
  @CsvSource(delimiter = '|', value = {
    "GET    | /v1/odds         | POST",
    "PUT    | /v1/odds/betfair | POST",
    "GET    | /v1/events       | POST",
    "GET    | /v1/decisions    | POST",
    "POST   | /v1/status       | GET, HEAD",
    "DELETE | /v1/timeline     | GET, HEAD",
    "POST   | /metrics         | GET, HEAD",
    "POST   | /health/live     | GET, HEAD",
    "PUT    | /health/ready    | GET, HEAD",
    "GET    | /v1/cache        | DELETE",
    "GET    | /v1/stats/reset  | POST",
    "HEAD   | /v1/odds         | POST",
  })
  void wrongMethodOnAKnownPath_is405WithAllow(String method, String path, String allow)
      throws Exception {
    HttpResponse<String> r = send(method, path);

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue(allow);
    if (!method.equals("HEAD")) {
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("error").asText()).isEqualTo("method not allowed");
      assertThat(body.get("field").asText()).isEqualTo("method");
      assertThat(body.get("detail").asText())
          .isEqualTo(method + " is not allowed on " + path + "; allowed: " + allow);
    }
  }

  @Test
  void unknownPath_staysA404() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/nothing");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Allow")).isEmpty();
    assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("not found");
  }

  @Test
  void rightMethods_stillWork() {
    assertThat(send("GET", "/v1/status").statusCode()).isEqualTo(200);
    assertThat(Http.postJson(server.url() + "/v1/decisions", "{}").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest(name = "HEAD {0}")
  @CsvSource({"/health/live", "/health/ready", "/v1/status", "/", "/index.html", "/v1/nothing"})
  void head_hasTheLengthAndTypeOfItsGet_andNoBody(String path) {
    HttpResponse<String> get = send("GET", path);
    HttpResponse<String> head = send("HEAD", path);

    assertThat(head.statusCode()).isEqualTo(get.statusCode());
    assertThat(head.body()).isEmpty();
    long length = get.body().getBytes(StandardCharsets.UTF_8).length;
    assertThat(length).isPositive();
    assertThat(head.headers().firstValueAsLong("Content-Length")).as(path).hasValue(length);
    assertThat(head.headers().firstValue("Content-Type"))
        .isEqualTo(get.headers().firstValue("Content-Type"));
  }

  @Test
  void headThroughTheProxy_hasTheStoredLength() {
    HttpResponse<String> get = send("GET", "/p/predictions/x");
    HttpResponse<String> head = send("HEAD", "/p/predictions/x");

    assertThat(head.headers().firstValue("X-Cache")).hasValue("HIT");
    assertThat(head.headers().firstValueAsLong("Content-Length"))
        .hasValue(get.body().length());
    assertThat(upstream.calls).hasValue(1);
  }
}
