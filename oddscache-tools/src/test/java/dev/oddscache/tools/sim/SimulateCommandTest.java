package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.CliRun;
import dev.oddscache.tools.cli.ToolsCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  private static CliRun oddscache(String... args) {
    return CliRun.of(ToolsCli.newCommandLine(), args);
  }
  private static final String SMALL =
      TestScenarios.clasico(4, 50, 1, 3, "\"bypass\", \"fixed-ttl\"");

  @TempDir Path dir;

  @Test
  void invalidScenario_exitsTwo_namingFieldAndValue() throws IOException {
    Path file = write("bad.json", TestScenarios.with(SMALL, "\"requestsPerSecond\": 50",
        "\"requestsPerSecond\": -5"));

    CliRun run = oddscache("simulate", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("load.requestsPerSecond must be > 0, got -5").contains("Usage:");
  }

  @Test
  void missingFile_exitsTwo() {
    CliRun run = oddscache("simulate", dir.resolve("nope.json").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("scenario file not found");
  }

  @Test
  void missingArgument_exitsTwo() {
    CliRun run = oddscache("simulate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("SCENARIO.json");
  }

  @Test
  void json_hasExactlyTheSpecKeys() throws IOException {
    Path file = write("s.json", SMALL);
    Path out = dir.resolve("out/result.json");

    CliRun run = oddscache("simulate", file.toString(), "--json", out.toString(), "--no-progress");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("bypass", "fixed-ttl", "backend calls");
    JsonNode root = new ObjectMapper().readTree(out.toFile());
    assertThat(names(root)).containsExactly("scenario", "policies");
    assertThat(root.get("scenario").asText()).isEqualTo("clasico-test");
    assertThat(names(root.get("policies"))).containsExactly("bypass", "fixed-ttl");
    JsonNode p = root.get("policies").get("bypass");
    assertThat(names(p)).containsExactly("requests", "backendCalls", "backendCallsPerSecond",
        "backendMaxConcurrent", "served", "servedAgeSeconds", "panicServedAgeSeconds",
        "tier1PanicServedAgeSeconds", "loadDurationSeconds", "transitions");
    assertThat(names(p.get("backendCallsPerSecond"))).containsExactly("mean", "p99", "max");
    assertThat(names(p.get("served")))
        .containsExactly("fresh", "stale", "bypass", "compute", "errors");
    assertThat(names(p.get("servedAgeSeconds"))).containsExactly("p50", "p99", "max");
    assertThat(names(p.get("panicServedAgeSeconds"))).containsExactly("p50", "p99", "max");
    JsonNode tierOne = p.get("tier1PanicServedAgeSeconds");
    assertThat(names(tierOne)).containsExactly("count", "p50", "p99", "max", "failed",
        "sinceLoadStart", "olderThanMaxLoad", "byAnswer");
    assertThat(tierOne.get("count").asLong()).isPositive();
    assertThat(names(tierOne.get("sinceLoadStart"))).containsExactly("p50", "p99", "max");
    assertThat(names(tierOne.get("byAnswer"))).containsExactly(
        "bypass", "fresh", "stale", "compute", "staleIfError", "overload");
    assertThat(names(tierOne.get("byAnswer").get("bypass")))
        .containsExactly("count", "p50", "p99", "max", "olderThanMaxLoad");
    assertThat(tierOne.get("byAnswer").get("bypass").get("count").asLong())
        .isEqualTo(tierOne.get("count").asLong());
    assertThat(tierOne.get("byAnswer").get("fresh").get("p50").isNull()).isTrue();
    assertThat(names(p.get("loadDurationSeconds"))).containsExactly("count", "p50", "p99", "max");
    assertThat(p.get("loadDurationSeconds").get("max").decimalValue())
        .isEqualByComparingTo("0.050");
    assertThat(p.get("transitions").isArray()).isTrue();
    assertThat(p.get("transitions")).isEmpty();
    assertThat(p.get("requests").asLong()).isEqualTo(4 * 60 * 50);
  }

  @Test
  void summary_tellsFailedRequestsFromBackendErrorsAnsweredStale() throws IOException {
    Path file = write("failing.json", TestScenarios.with(
        TestScenarios.clasico(6, 50, 1, 3, "\"oddscache\", \"bypass\""),
        "\"failureRate\": 0.0", "\"failureRate\": 0.3"));
    Path out = dir.resolve("failing-result.json");

    CliRun run = oddscache("simulate", file.toString(), "--json", out.toString(),
        "--no-progress");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode policies = new ObjectMapper().readTree(out.toFile()).get("policies");
    for (String policy : List.of("oddscache", "bypass")) {
      JsonNode p = policies.get(policy);
      JsonNode served = p.get("served");
      long failed = p.get("requests").asLong() - served.get("fresh").asLong()
          - served.get("stale").asLong() - served.get("bypass").asLong()
          - served.get("compute").asLong();
      long staleOnError = served.get("errors").asLong() - failed;
      assertThat(run.out()).contains(String.format(Locale.ROOT,
          "; failed %,d; backend errors answered stale (stale-if-error) %,d%n", failed,
          staleOnError));
      if (policy.equals("oddscache")) {
        assertThat(staleOnError).as("stale-if-error answers").isPositive();
        assertThat(failed).isLessThan(staleOnError);
      } else {
        assertThat(staleOnError).isZero();
      }
    }
    assertThat(run.out()).doesNotContain("; errors ")
        .contains("tier-1 PANIC answers within one load duration (true of TTL-0 coalesced "
            + "loads): NO, ")
        .contains("staleIfError ")
        .contains(": the load failed, a stored value answered)");
  }

  @Test
  void report_writesMarkdownAndCharts() throws IOException {
    Path file = write("s.json", SMALL);
    Path report = dir.resolve("report");

    CliRun run =
        oddscache("simulate", file.toString(), "--report", report.toString(), "--no-progress");

    assertThat(run.exitCode()).as(run.err()).isZero();
    String md = Files.readString(report.resolve("report.md"));
    assertThat(md).contains("# Simulation: clasico-test", "| backend calls |",
        "| tier-1 PANIC served age p50 / p99 / max (s) |", "| load duration p50 / p99 / max (s) |",
        "| tier-1 PANIC answers within one load duration (true of TTL-0 coalesced loads) | yes"
            + " | NO, ", "### Tier-1 PANIC answers by kind", "| failed requests |",
        "| backend errors answered stale (stale-if-error) |",
        "(load.png)",
        "(panic-ratio.png)", "(served-age.png)");
    for (String png : List.of("load.png", "panic-ratio.png", "served-age.png")) {
      byte[] bytes = Files.readAllBytes(report.resolve(png));
      assertThat(bytes).as(png).hasSizeGreaterThan(1000);
      assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
          .isEqualTo("PNG");
    }
  }

  @Test
  void progress_goesToStandardError() throws IOException {
    Path file = write("s.json", SMALL);

    CliRun run = oddscache("simulate", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("100% fixed-ttl 4/4 min").contains("] ");
    assertThat(run.out()).doesNotContain("%] ");
  }

  private Path write(String name, String json) throws IOException {
    return Files.writeString(dir.resolve(name), json);
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
