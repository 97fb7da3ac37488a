package dev.oddscache.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's alerting rules ({@code ops/prometheus/alerts-demo.yml}) are {@code alerts.yml} with
 * its durations divided by the demo's speed, valid for Prometheus, and fire within the demo's
 * story: a circuit open for 47 real seconds (47 story minutes) passes the one-minute {@code for:}
 * that real time never let it pass.
 */
class DemoAlertRulesTest {
  private static final Path PROMETHEUS = Path.of("../ops/prometheus");
  private static final Path ALERTS = PROMETHEUS.resolve("alerts.yml");
  private static final Path ALERT_TESTS = PROMETHEUS.resolve("alerts_test.yml");
  private static final Path DEMO_ALERTS = PROMETHEUS.resolve("alerts-demo.yml");
  private static final Path DEMO_CONFIG = PROMETHEUS.resolve("prometheus-demo.yml");
  /** The demo's default speed ({@code ./oddscache demo --speed}). */
  private static final int SPEED = 60;

  @Test
  void demoRules_areTheAlertsWithDurationsDividedByTheSpeed() throws IOException {
    String expected = DemoAlertRules.of(Files.readString(ALERTS), SPEED);
    if (Boolean.getBoolean("oddscache.regenerate")) {
      Files.writeString(DEMO_ALERTS, expected);
    }
    assertThat(Files.readString(DEMO_ALERTS))
        .as("alerts-demo.yml is stale: rerun this test with -Doddscache.regenerate=true")
        .isEqualTo(expected);
    assertThat(expected).contains("for: 5s", "for: 1s", "for: 10s", "[5s]")
        .doesNotContain("for: 5m", "[5m]");
  }

  @Test
  void demoRulesAndConfig_passPromtool() throws IOException, InterruptedException {
    requirePromtool();
    promtool(List.of("check", "rules", DEMO_ALERTS.toString()));
    promtool(List.of("check", "config", DEMO_CONFIG.toString()));
  }

  /**
   * The breaker cases of {@code alerts_test.yml} (those whose series are the breaker's mode and
   * ratio gauges: rates would change with the scrape interval), with every interval and time
   * divided by the speed, hold on the demo rules: the same alerts fire with the same labels and
   * annotations, after a sixtieth of the time.
   */
  @Test
  void breakerCasesOfTheAlertTests_holdOnTheDemoRulesInStoryTime(@TempDir Path dir)
      throws IOException, InterruptedException {
    requirePromtool();
    YAMLMapper yaml = new YAMLMapper();
    ObjectNode tests = (ObjectNode) yaml.readTree(ALERT_TESTS.toFile());
    tests.set("rule_files", yaml.createArrayNode()
        .add(DEMO_ALERTS.toAbsolutePath().normalize().toString()));
    tests.put("evaluation_interval", scaled(tests.path("evaluation_interval").asText()));
    ArrayNode kept = yaml.createArrayNode();
    for (JsonNode test : tests.path("tests")) {
      boolean gauges = true;
      for (JsonNode series : test.path("input_series")) {
        gauges &= series.path("series").asText()
            .matches("oddscache_breaker_(mode|panic_ratio)\\{.*");
      }
      if (!gauges) {
        continue;
      }
      ObjectNode scaledTest = test.deepCopy();
      scaledTest.put("interval", scaled(test.path("interval").asText()));
      for (JsonNode check : scaledTest.path("alert_rule_test")) {
        ((ObjectNode) check).put("eval_time", scaled(check.path("eval_time").asText()));
      }
      kept.add(scaledTest);
    }
    tests.set("tests", kept);
    List<String> names = kept.findValuesAsText("name");
    assertThat(names).as("breaker cases").hasSizeGreaterThanOrEqualTo(3)
        .anyMatch(n -> n.contains("CIRCUIT_OPEN"));
    Path file = dir.resolve("demo-alerts-test.yml");
    yaml.writeValue(file.toFile(), tests);
    promtool(List.of("test", "rules", file.toString()));
  }

  /** A Prometheus duration divided by the speed, in milliseconds so that none is rounded. */
  private static String scaled(String duration) {
    Matcher m = Pattern.compile("(\\d+)([smh])").matcher(duration);
    assertThat(m.matches()).as("a duration in s, m or h: %s", duration).isTrue();
    long seconds = Long.parseLong(m.group(1)) * switch (m.group(2)) {
      case "s" -> 1;
      case "m" -> 60;
      default -> 3600;
    };
    return seconds * 1000 / SPEED + "ms";
  }

  private static void requirePromtool() {
    boolean ci = System.getenv("CI") != null;
    assumeTrue(ci || onPath("promtool"), "promtool not installed (apt-get install prometheus)");
  }

  private static void promtool(List<String> args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("promtool"));
    command.addAll(args);
    Process promtool = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
