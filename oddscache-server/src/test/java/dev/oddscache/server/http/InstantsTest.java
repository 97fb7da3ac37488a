package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API's one reading of an instant: ISO-8601 or epoch millis, number or digits. */
class InstantsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant KICKOFF = Instant.parse("2026-03-01T18:30:00Z");

  @Test
  void isoAndEpochMillis_areTheSameInstant_asTextOrAsJson() throws Exception {
    assertThat(Instants.parse("f", "2026-03-01T18:30:00Z")).isEqualTo(KICKOFF);
    assertThat(Instants.parse("f", "1772389800000")).isEqualTo(KICKOFF);
    assertThat(Instants.parse("f", JSON.readTree("1772389800000"))).isEqualTo(KICKOFF);
    assertThat(Instants.parse("f", JSON.readTree("\"1772389800000\""))).isEqualTo(KICKOFF);
    assertThat(Instants.parse("f", JSON.readTree("\"2026-03-01T18:30:00Z\""))).isEqualTo(KICKOFF);
    assertThat(Instants.parse("f", "0")).isEqualTo(Instant.EPOCH);
  }

  @Test
  void badValues_nameTheFieldAndTheValue() throws Exception {
    assertThatThrownBy(() -> Instants.parse("X-Kickoff", "tomorrow"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("X-Kickoff must be an ISO-8601 instant like 2026-03-01T20:00:00Z or epoch"
            + " millis, got 'tomorrow'");
    assertThatThrownBy(() -> Instants.parse("ts", "1772389800000000"))
        .hasMessage("ts must be epoch millis between 1970 and 3000, got 1772389800000000");
    assertThatThrownBy(() -> Instants.parse("ts", "99999999999999999999999"))
        .hasMessageContaining("ts must be epoch millis between 1970 and 3000");
    assertThatThrownBy(() -> Instants.parse("ts", JSON.readTree("-1")))
        .hasMessage("ts must be epoch millis between 1970 and 3000, got -1");
    assertThatThrownBy(() -> Instants.parse("kickoff", JSON.readTree("1.5")))
        .hasMessage("kickoff must be an ISO-8601 instant like 2026-03-01T20:00:00Z or epoch"
            + " millis, got 1.5");
    assertThatThrownBy(() -> Instants.parse("kickoff", "-5"))
        .hasMessageContaining("got '-5'");
  }
}
