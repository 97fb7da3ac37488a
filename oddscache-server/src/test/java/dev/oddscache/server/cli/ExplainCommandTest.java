package dev.oddscache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.CliRun;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void ligue1PersistentPanic_isFiveSecondsTierTwo() {
    CliRun run = CliRun.of("explain", "--competition", "Ligue 1", "--status", "panic",
        "--panic-for", "35m", "--base-ttl", "60s", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"ttlSeconds\":5").contains("\"tier\":2");
  }

  @Test
  void freshPanic_isZeroTierOnePanicFull() throws Exception {
    CliRun run = CliRun.of("explain", "--competition", "Ligue 1", "--status", "panic",
        "--panic-for", "0s", "--base-ttl", "60s", "--json");

    JsonNode json = JSON.readTree(run.out());
    assertThat(json.get("ttlSeconds").asLong()).isZero();
    assertThat(json.get("tier").asInt()).isEqualTo(1);
    assertThat(json.get("panicMode").asText()).isEqualTo("PANIC_FULL");
    assertThat(run.out()).contains("\"ttlSeconds\":0").contains("\"tier\":1");
  }

  @Test
  void circuitOpenCalm_isSixty() {
    CliRun run = CliRun.of("explain", "--breaker-mode", "circuit_open", "--status", "normal",
        "--base-ttl", "10s", "--json");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("\"ttlSeconds\":60");
  }

  @Test
  void json_hasExactlyTheSpecKeysInOrderWithUpperCaseEnums() throws Exception {
    CliRun run = CliRun.of("explain", "--name", "El Clasico", "--kickoff-in", "45m",
        "--status", "panic", "--panic-for", "4h", "--breaker-mode", "high_volatility", "--json");

    JsonNode json = JSON.readTree(run.out());
    assertThat(json.fieldNames()).toIterable().containsExactly("ttlSeconds", "zone",
        "baseTtlSeconds", "status", "breakerMode", "breakerFloorSeconds", "panicMode", "tier",
        "stakes", "panicDurationMinutes", "quotaTtlSeconds", "alert", "reasons");
    assertThat(json.get("zone").asText()).isEqualTo("GOLDEN");
    assertThat(json.get("baseTtlSeconds").asLong()).isEqualTo(15);
    assertThat(json.get("status").asText()).isEqualTo("PANIC");
    assertThat(json.get("breakerMode").asText()).isEqualTo("HIGH_VOLATILITY");
    assertThat(json.get("breakerFloorSeconds").asLong()).isEqualTo(5);
    assertThat(json.get("stakes").asText()).isEqualTo("HIGH");
    assertThat(json.get("tier").asInt()).isEqualTo(3);
    assertThat(json.get("panicMode").asText()).isEqualTo("DEGRADED");
    assertThat(json.get("panicDurationMinutes").asDouble()).isEqualTo(240.0);
    assertThat(json.get("quotaTtlSeconds").asLong()).isEqualTo(30);
    assertThat(json.get("ttlSeconds").asLong()).isEqualTo(30);
    assertThat(json.get("alert").asText()).isNotBlank();
    assertThat(json.get("reasons").isArray()).isTrue();
    assertThat(json.get("reasons")).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void inPlayKickoffAndCalmDefaults() throws Exception {
    JsonNode json = JSON.readTree(CliRun.of("explain", "--kickoff-in", "-30m", "--json").out());

    assertThat(json.get("zone").asText()).isEqualTo("ACTIVE");
    assertThat(json.get("ttlSeconds").asLong()).isEqualTo(10);
    assertThat(json.get("status").asText()).isEqualTo("NORMAL");
    assertThat(json.get("tier").asInt()).isZero();
    assertThat(json.get("panicMode").asText()).isEqualTo("NORMAL");
    assertThat(json.get("stakes").asText()).isEqualTo("LOW");
    assertThat(json.get("alert").isNull()).isTrue();
    assertThat(json.get("panicDurationMinutes").isNull()).isTrue();
  }

  @Test
  void panicForAlone_impliesPanic() throws Exception {
    JsonNode json = JSON.readTree(CliRun.of("explain", "--stakes", "low", "--panic-for", "1h30m",
        "--json").out());

    assertThat(json.get("status").asText()).isEqualTo("PANIC");
    assertThat(json.get("tier").asInt()).isEqualTo(4);
    assertThat(json.get("ttlSeconds").asLong()).isEqualTo(45);
  }

  @Test
  void text_explainsWithReasons() {
    CliRun run = CliRun.of("explain", "--competition", "Ligue 1", "--status", "panic",
        "--panic-for", "35m", "--base-ttl", "60s");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("TTL 5s")
        .contains("why:")
        .contains("explicit base TTL 60s")
        .contains("tier 2 PANIC_PARTIAL")
        .contains("effective TTL 5s = max(freshness 0s, floor 0s, quota 5s)");
  }

  @Test
  void badEnum_isUsageErrorNamingTheOption() {
    CliRun run = CliRun.of("explain", "--status", "meltdown");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--status").contains("meltdown").contains("Usage:");
  }

  @Test
  void badDuration_isUsageErrorNamingTheOption() {
    CliRun run = CliRun.of("explain", "--panic-for", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--panic-for").contains("soon");
  }

  @Test
  void negativePanicDuration_isRejected() {
    CliRun run = CliRun.of("explain", "--panic-for", "-5m");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--panic-for").contains("negative");
  }

  @Test
  void panicForWithCalmStatus_isRejected() {
    CliRun run = CliRun.of("explain", "--status", "normal", "--panic-for", "5m");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--panic-for").contains("--status is NORMAL");
  }

  @Test
  void fractionalBaseTtl_isRejected() {
    CliRun run = CliRun.of("explain", "--base-ttl", "1500ms");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--base-ttl").contains("whole seconds");
  }

  @Test
  void unknownOption_isUsageError() {
    CliRun run = CliRun.of("explain", "--colour", "red");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--colour");
  }

  @Test
  void noSubcommand_isUsageError() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required subcommand");
  }
}
