package dev.oddscache.server.http.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.redis.testing.Measurements;
import dev.oddscache.server.http.Http;
import dev.oddscache.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Property test of the whole HTTP surface (bad input: a clear 4xx, never a 5xx, memory
 * bounded): thousands of generated hostile requests ({@link FuzzCases}) sent as raw bytes to a
 * real server in front of a real upstream. For every request:
 *
 * <ul>
 *   <li>an HTTP response comes back: the connection is never dropped or left hanging;
 *   <li>never a 5xx, with two documented exceptions, both only below {@link
 *       FuzzCases#FAILING_PATH}: the upstream's own 500 relayed as it came (marked by {@code
 *       X-Cache}), and a 502 from the proxy when the upstream failed and no stale value existed.
 *       No 503 is allowed: its documented causes (no upstream configured, bulkhead overload,
 *       Redis store unavailable) cannot occur with this setup. A 505 (JSON) is the protocol's
 *       answer to a request line that is not HTTP/1.0 or 1.1, and is accepted for those only;
 *   <li>every 4xx is {@code application/json} {@code {"error","field","detail"}} with a non-blank
 *       error, except an upstream 4xx the proxy relays as it came (marked by {@code X-Cache}) and
 *       HEAD answers, which have no body.
 * </ul>
 *
 * After the run, and every few hundred requests, the server is still live and proxies a normal
 * request. The default run is a few thousand tries (well under a minute); {@code
 * -Doddscache.fuzz.tries=N} runs more, {@code -Doddscache.fuzz.seed=S} another sequence, and
 * {@code -Doddscache.fuzz.only=I} replays one case of a failure message.
 */
class HttpFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRIES = Integer.getInteger("oddscache.fuzz.tries", 3000);
  private static final long SEED = Long.getLong("oddscache.fuzz.seed", 20261122L);
  private static final Integer ONLY = Integer.getInteger("oddscache.fuzz.only");
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final int HEALTH_EVERY = 250;
  private static final int MAX_REPORTED = 15;

  private final FuzzUpstream upstream = new FuzzUpstream();

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url)
      .thenClosing(upstream);

  @Test
  void hostileRequests_neverA5xxNorADroppedConnection_4xxAreJson_serverStaysHealthy() {
    List<String> failures = new ArrayList<>();
    Map<String, Integer> statuses = new TreeMap<>();
    Map<String, Integer> kinds = new TreeMap<>();
    int first = ONLY == null ? 0 : ONLY;
    int last = ONLY == null ? TRIES : ONLY + 1;
    long t0 = System.nanoTime();
    for (int i = first; i < last; i++) {
      FuzzCases.Case c = FuzzCases.generate(SEED, i);
      RawHttp.Response r = RawHttp.send(server.port(), c.bytes(), c.isHead(), TIMEOUT_MILLIS);
      String problem = verdict(c, r);
      statuses.merge(r.isDropped() ? "dropped" : Integer.toString(r.status()), 1, Integer::sum);
      kinds.merge(c.kind(), 1, Integer::sum);
      if (problem != null && failures.size() < MAX_REPORTED) {
        failures.add("case " + i + " (seed " + SEED + ", " + c.kind() + "): " + problem
            + "\n    request: " + c.excerpt()
            + "\n    response: " + (r.isDropped() ? r.dropped() : r.status() + " " + r.headers()
            + " " + excerpt(r.bodyText())));
      }
      if ((i + 1) % HEALTH_EVERY == 0) {
        String health = healthProblem();
        if (health != null) {
          failures.add("after case " + i + ": " + health);
          break;
        }
      }
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    Measurements.record("HttpFuzzTest", (last - first) + " hostile requests (seed " + SEED
        + ") in " + millis + " ms; statuses " + statuses + "; kinds " + kinds);

    assertThat(failures).as("property violations (replay one with -Doddscache.fuzz.seed=%d"
        + " -Doddscache.fuzz.only=<case>)", SEED).isEmpty();
    assertThat(healthProblem()).as("server health after the run").isNull();
  }

  /** Null when the answer satisfies every property, else what is wrong. */
  static String verdict(FuzzCases.Case c, RawHttp.Response r) {
    if (r.isDropped()) {
      return "no response: " + r.dropped();
    }
    int status = r.status();
    if (status >= 500) {
      if (status == 502 && c.upstreamFails()) {
        return jsonError(r, c.isHead());
      }
      if (status == 500 && c.upstreamFails() && r.header("X-Cache") != null) {
        return null;
      }
      if (status == 505 && !c.speaksHttp1()) {
        // The protocol's own answer to a request line that is not HTTP/1.x (Jetty's parser).
        return jsonError(r, false);
      }
      return "status " + status;
    }
    if (status >= 400) {
      if (r.header("X-Cache") != null) {
        return null;
      }
      return jsonError(r, c.isHead());
    }
    return null;
  }

  private static String jsonError(RawHttp.Response r, boolean head) {
    String type = r.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return "error answer is not JSON: Content-Type " + type;
    }
    if (head) {
      return null;
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (Exception e) {
      return "error body does not parse as JSON: " + e.getMessage();
    }
    if (body == null || !body.isObject() || !body.has("error") || !body.has("field")
        || !body.has("detail")) {
      return "error body lacks error/field/detail";
    }
    if (!body.get("error").isTextual() || body.get("error").asText().isBlank()) {
      return "error body has no error message";
    }
    return null;
  }

  /** Null when live, ready and proxying; else what is wrong. */
  private String healthProblem() {
    try {
      HttpResponse<String> live = Http.get(server.url() + "/health/live");
      if (live.statusCode() != 200 || !live.body().contains("\"up\"")) {
        return "/health/live answered " + live.statusCode() + " " + live.body();
      }
      HttpResponse<String> ready = Http.get(server.url() + "/health/ready");
      if (ready.statusCode() != 200) {
        return "/health/ready answered " + ready.statusCode() + " " + ready.body();
      }
      HttpResponse<String> proxied = Http.get(server.url() + "/p/predictions/health-check",
          "X-Match-Id", "health", "X-Markets", "1x2");
      if (proxied.statusCode() != 200 || proxied.headers().firstValue("X-Cache").isEmpty()) {
        return "a normal proxied request answered " + proxied.statusCode() + " " + proxied.body();
      }
      return null;
    } catch (RuntimeException e) {
      return "health check failed: " + e;
    }
  }

  private static String excerpt(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
