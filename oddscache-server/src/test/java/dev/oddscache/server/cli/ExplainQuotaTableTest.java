package dev.oddscache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code explain --json} over the decision table of {@code DecisionEngineTest} (mode × status ×
 * panic duration × base TTL, MEDIUM stakes): in every row {@code quotaTtlSeconds} is the number
 * the reasons give the quota, and 0 with "quota not applied" without a panic.
 */
class ExplainQuotaTableTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EFFECTIVE = Pattern.compile(
      "effective TTL (\\d+)s = max\\(freshness (\\d+)s, floor (\\d+)s, quota (\\d+)s\\)");
  private static final Pattern QUOTA_LINE = Pattern.compile("quota TTL (\\d+)s");

  @ParameterizedTest(name = "{0} {1} panic {2} min base {3}s -> {4}s, quota {5}s")
  @CsvSource({
    // mode,          status,  panicMinutes (-1: none), baseTtl, effective TTL, quota TTL
    "NORMAL,          NORMAL,  -1,  60,  60,  0",
    "NORMAL,          WARNING, -1,  60,  60,  0",
    "NORMAL,          PANIC,    0,  60,   0,  0",
    "NORMAL,          PANIC,   35,  60,   5,  5",
    "NORMAL,          PANIC,  100,  60,  30, 30",
    "NORMAL,          PANIC,  200,  60,  60, 60",
    "NORMAL,          PANIC,  200, 300,  60, 60",
    "HIGH_VOLATILITY, NORMAL,  -1,  60,  60,  0",
    "HIGH_VOLATILITY, NORMAL,  -1,   0,   0,  0",
    "HIGH_VOLATILITY, WARNING, -1,  60,  60,  0",
    "HIGH_VOLATILITY, WARNING, -1,   3,  10,  0",
    "HIGH_VOLATILITY, PANIC,    0,  60,   5,  0",
    "HIGH_VOLATILITY, PANIC,   35,  60,   5,  5",
    "HIGH_VOLATILITY, PANIC,  100,  60,  30, 30",
    "HIGH_VOLATILITY, PANIC,  200,  60,  60, 60",
    "CIRCUIT_OPEN,    NORMAL,  -1,  10,  60,  0",
    "CIRCUIT_OPEN,    NORMAL,  -1, 300, 300,  0",
    "CIRCUIT_OPEN,    WARNING, -1,  10,  30,  0",
    "CIRCUIT_OPEN,    WARNING, -1,  60,  60,  0",
    "CIRCUIT_OPEN,    PANIC,    0,  60,  10,  0",
    "CIRCUIT_OPEN,    PANIC,   35,  60,  10,  5",
    "CIRCUIT_OPEN,    PANIC,  100,  60,  30, 30",
    "CIRCUIT_OPEN,    PANIC,  200,  60,  60, 60",
  })
  void quotaTtlSeconds_agreesWithTheReasons(String mode, String status, long panicMinutes,
      long baseTtl, long expectedTtl, long expectedQuota) throws Exception {
    List<String> args = new ArrayList<>(List.of("explain", "--stakes", "medium",
        "--breaker-mode", mode, "--status", status, "--base-ttl", baseTtl + "s", "--json"));
    if (panicMinutes >= 0) {
      args.addAll(List.of("--panic-for", panicMinutes + "m"));
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = JSON.readTree(run.out());
    List<String> reasons = new ArrayList<>();
    json.get("reasons").forEach(r -> reasons.add(r.asText()));

    long quota = json.get("quotaTtlSeconds").asLong();
    assertThat(json.get("ttlSeconds").asLong()).isEqualTo(expectedTtl);
    assertThat(quota).isEqualTo(expectedQuota);
    Matcher effective = EFFECTIVE.matcher(reasons.get(reasons.size() - 1));
    assertThat(effective.matches()).as("last reason of %s", reasons).isTrue();
    assertThat(Long.parseLong(effective.group(1))).isEqualTo(expectedTtl);
    assertThat(Long.parseLong(effective.group(3)))
        .isEqualTo(json.get("breakerFloorSeconds").asLong());
    assertThat(Long.parseLong(effective.group(4))).isEqualTo(quota);
    String quotaLine = reasons.stream().filter(r -> r.contains("quota TTL")).findFirst()
        .orElseThrow(() -> new AssertionError("no quota reason in " + reasons));
    Matcher line = QUOTA_LINE.matcher(quotaLine);
    assertThat(line.find()).isTrue();
    assertThat(Long.parseLong(line.group(1))).isEqualTo(quota);
    if (panicMinutes < 0) {
      assertThat(json.get("tier").asInt()).isZero();
      assertThat(quotaLine).contains("quota not applied");
    } else {
      assertThat(json.get("tier").asInt()).isPositive();
      assertThat(quotaLine).doesNotContain("not applied");
    }
  }
}
