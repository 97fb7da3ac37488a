package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.ManualTicker;
import dev.oddscache.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code X-Kickoff}, a decision's {@code kickoff} and a tick's {@code ts} accept the same forms:
 * ISO-8601 or epoch millis. At 18:00 a kickoff at 18:30 is the golden hour, whichever form says
 * it.
 */
class InstantsThroughServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KICKOFF_ISO = "2026-03-01T18:30:00Z";
  private static final String KICKOFF_MILLIS = "1772389800000";

  private final TestUpstream upstream = new TestUpstream();
  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));

  @RegisterExtension
  final RunningServer server = RunningServer.proxying(upstream::url).onTicker(ticker)
      .thenClosing(upstream);

  @Test
  void xKickoff_acceptsEpochMillisLikeTs() {
    HttpResponse<String> iso = Http.get(server.url() + "/p/predictions/a", "X-Match-Id", "m1",
        "X-Kickoff", KICKOFF_ISO);
    HttpResponse<String> millis = Http.get(server.url() + "/p/predictions/b", "X-Match-Id", "m2",
        "X-Kickoff", KICKOFF_MILLIS);

    assertThat(iso.statusCode()).isEqualTo(200);
    assertThat(millis.statusCode()).as(millis.body()).isEqualTo(200);
    assertThat(iso.headers().firstValue("X-Oddscache-Zone")).hasValue("GOLDEN");
    assertThat(millis.headers().firstValue("X-Oddscache-Zone")).hasValue("GOLDEN");
  }

  @Test
  void xKickoff_outOfRangeOrGarbage_is400NamingIt() throws Exception {
    HttpResponse<String> micros = Http.get(server.url() + "/p/predictions/a", "X-Match-Id", "m",
        "X-Kickoff", KICKOFF_MILLIS + "000");
    HttpResponse<String> garbage = Http.get(server.url() + "/p/predictions/a", "X-Match-Id", "m",
        "X-Kickoff", "tomorrow");

    assertThat(micros.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(micros.body());
    assertThat(error.get("field").asText()).isEqualTo("X-Kickoff");
    assertThat(error.get("detail").asText()).contains("between 1970 and 3000")
        .contains(KICKOFF_MILLIS + "000");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(garbage.body()).get("detail").asText()).contains("'tomorrow'");
    assertThat(upstream.calls).hasValue(0);
  }

  @Test
  void decisionKickoff_acceptsEpochMillisAsNumberOrText() throws Exception {
    for (String kickoff : new String[] {KICKOFF_MILLIS, "\"" + KICKOFF_MILLIS + "\"",
        "\"" + KICKOFF_ISO + "\""}) {
      HttpResponse<String> r = Http.postJson(server.url() + "/v1/decisions",
          "{\"kickoff\":" + kickoff + "}");

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).get("zone").asText()).as(kickoff).isEqualTo("GOLDEN");
    }
    HttpResponse<String> bad = Http.postJson(server.url() + "/v1/decisions",
        "{\"kickoff\":true}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("field").asText()).isEqualTo("kickoff");
  }

  @Test
  void tickTs_acceptsEpochMillisAsDigitsToo() throws Exception {
    HttpResponse<String> r = Http.postJson(server.url() + "/v1/odds", """
        [{"match":"m","market":"1x2","selection":"home","odds":2.1,"ts":"1772388000000"},
         {"match":"m","market":"1x2","selection":"home","odds":2.1,"ts":1772388001000},
         {"match":"m","market":"1x2","selection":"home","odds":2.1,"ts":"2026-03-01T18:00:02Z"}]
        """);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("accepted").asInt()).as(r.body()).isEqualTo(3);
  }
}
