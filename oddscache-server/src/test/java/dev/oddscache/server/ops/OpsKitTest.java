package dev.oddscache.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.server.ops.PromQl.Reads;
import dev.oddscache.server.ops.PromQl.Selector;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops kit ({@code ops/}, {@code docs/runbook.md}) stays in step with the meters: the Grafana
 * dashboard is an importable dashboard, and every series, label and label value that it and the
 * alerting rules query is one that a real {@code OddsCache} exposes to Prometheus. Renaming a
 * meter, a tag or a tag value breaks this test, not the on-call's dashboard at 2 a.m.
 *
 * <p>The series come from {@link ScrapedSeries}, the scrape of Micrometer's Prometheus registry,
 * so the suffixes ({@code _total}, {@code _seconds}, {@code _bucket}, {@code le}) are
 * Micrometer's, not a copy of its naming rules. Paths are relative to this module, as in the other
 * tests that read repository files.
 */
class OpsKitTest {
  private static final Path ROOT = Path.of("..");
  private static final Path DASHBOARD = ROOT.resolve("ops/grafana/oddscache.json");
  private static final Path ALERTS = ROOT.resolve("ops/prometheus/alerts.yml");
  private static final Path ALERT_TESTS = ROOT.resolve("ops/prometheus/alerts_test.yml");
  private static final Path RUNBOOK = ROOT.resolve("docs/runbook.md");
  private static final String DATASOURCE = "${DS_PROMETHEUS}";

  /** Labels that Prometheus adds to every target's series; no meter carries them. */
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

  private static final ScrapedSeries SERIES = ScrapedSeries.ofOddsCache();

  private final ObjectMapper json = new ObjectMapper();
  private final YAMLMapper yaml = new YAMLMapper();

  @Test
  void everyMeterName_isInTheScrape() throws IllegalAccessException {
    List<String> meters = new ArrayList<>();
    for (Field field : MeterNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && !field.getName().startsWith("TAG_")) {
        meters.add((String) field.get(null));
      }
    }
    assertThat(meters).hasSizeGreaterThan(20);
    for (String meter : meters) {
      String prefix = meter.replace('.', '_');
      assertThat(SERIES.names()).as("series of meter %s", meter)
          .anyMatch(name -> name.equals(prefix) || name.startsWith(prefix + "_"));
    }
  }

  @Test
  void dashboard_isAnImportableGrafanaDashboard() throws IOException {
    JsonNode dashboard = json.readTree(DASHBOARD.toFile());

    assertThat(dashboard.path("uid").asText()).isNotBlank();
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt()).isPositive();
    assertThat(dashboard.path("__inputs")).anySatisfy(input -> {
      assertThat(input.path("name").asText()).isEqualTo("DS_PROMETHEUS");
      assertThat(input.path("type").asText()).isEqualTo("datasource");
      assertThat(input.path("pluginId").asText()).isEqualTo("prometheus");
    });
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asText();
      assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", title).isTrue();
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("width of %s", title)
          .isBetween(1, 24);
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(DATASOURCE);
      assertThat(panel.path("targets")).as("targets of %s", title).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      List<String> metrics = new ArrayList<>();
      for (JsonNode target : panel.path("targets")) {
        metrics.addAll(metricsOf(target.path("expr").asText()));
        assertThat(target.path("datasource").path("uid").asText()).as(title).isEqualTo(DATASOURCE);
        assertThat(target.path("expr").asText()).as("expr in %s", title).isNotBlank();
        assertThat(refIds.add(target.path("refId").asText())).as("refIds of %s", title).isTrue();
      }
      assertThat(metrics).as("series read by %s", title).isNotEmpty();
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        assertThat(variable.path("datasource").path("uid").asText()).isEqualTo(DATASOURCE);
      }
    }
  }

  @Test
  void dashboard_queriesOnlySeriesLabelsAndValuesThatExist() throws IOException {
    List<String> problems = new ArrayList<>();
    dashboardExpressions().forEach((where, expr) -> problems.addAll(check(where, expr)));
    assertThat(problems).isEmpty();
  }

  @Test
  void alerts_queryOnlySeriesLabelsAndValuesThatExist() throws IOException {
    List<String> problems = new ArrayList<>();
    for (JsonNode rule : alertRules()) {
      problems.addAll(check(rule.path("alert").asText(), rule.path("expr").asText()));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void alerts_haveSeverityAnnotationsAndARunbookSection() throws IOException {
    Set<String> anchors = runbookAnchors();
    List<JsonNode> rules = alertRules();
    assertThat(rules).hasSizeGreaterThanOrEqualTo(6);
    for (JsonNode rule : rules) {
      String alert = rule.path("alert").asText();
      assertThat(alert).as("every rule is an alert").matches("Oddscache[A-Za-z]+");
      assertThat(metricsOf(rule.path("expr").asText())).as("series read by %s", alert)
          .isNotEmpty();
      assertThat(rule.path("labels").path("severity").asText()).as(alert)
          .isIn("warning", "critical");
      JsonNode annotations = rule.path("annotations");
      assertThat(annotations.path("summary").asText()).as(alert).isNotBlank();
      assertThat(annotations.path("description").asText()).as(alert).isNotBlank();
      String anchor = alert.toLowerCase(Locale.ROOT);
      assertThat(annotations.path("runbook_url").asText()).as(alert)
          .isEqualTo("docs/runbook.md#" + anchor);
      assertThat(anchors).as("sections of docs/runbook.md").contains(anchor);
    }
  }

  @Test
  void alertTests_makeEveryAlertFireAndNotFire() throws IOException {
    JsonNode tests = yaml.readTree(ALERT_TESTS.toFile());
    assertThat(tests.path("rule_files")).extracting(JsonNode::asText).containsExactly("alerts.yml");
    Set<String> firing = new TreeSet<>();
    Set<String> silent = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (JsonNode test : tests.path("tests")) {
      for (JsonNode input : test.path("input_series")) {
        problems.addAll(check("input of '" + test.path("name").asText() + "'",
            input.path("series").asText()));
      }
      for (JsonNode expectation : test.path("alert_rule_test")) {
        String alert = expectation.path("alertname").asText();
        (expectation.path("exp_alerts").isEmpty() ? silent : firing).add(alert);
      }
    }
    Set<String> alerts = new TreeSet<>();
    alertRules().forEach(rule -> alerts.add(rule.path("alert").asText()));

    assertThat(problems).isEmpty();
    assertThat(firing).as("alerts with a firing case").isEqualTo(alerts);
    assertThat(silent).as("alerts with a not-firing case").isEqualTo(alerts);
  }

  @Test
  void everySeriesAnAlertReads_isOnTheDashboard() throws IOException {
    Set<String> shown = new TreeSet<>();
    dashboardExpressions().values().forEach(expr -> metricsOf(expr).forEach(shown::add));
    for (JsonNode rule : alertRules()) {
      assertThat(shown).as("series of %s on the dashboard", rule.path("alert").asText())
          .containsAll(metricsOf(rule.path("expr").asText()));
    }
  }

  /**
   * promtool parses every dashboard expression, with Grafana's variables replaced, as a recording
   * rule. Skipped where promtool is not installed, except on CI, where .ci/run installs it.
   */
  @Test
  void dashboardExpressions_parseWithPromtool(@TempDir Path dir)
      throws IOException, InterruptedException {
    boolean ci = System.getenv("CI") != null;
    assumeTrue(ci || onPath("promtool"), "promtool not installed");
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (String expr : dashboardExpressions().values()) {
      String concrete = expr.replace("$__rate_interval", "5m").replace("$__range", "1h")
          .replace("$__interval", "1m").replace("$bulkhead", "64")
          .replaceAll("\\$[a-z_]+", ".+");
      Matcher labelValues = LABEL_VALUES.matcher(concrete);
      if (labelValues.matches()) {
        concrete = labelValues.group(1);
      }
      rules.append("      - record: dashboard:expr").append(n++).append('\n')
          .append("        expr: ").append(json.writeValueAsString(concrete)).append('\n');
    }
    Path file = Files.writeString(dir.resolve("dashboard-rules.yml"), rules);
    Process promtool = new ProcessBuilder("promtool", "check", "rules", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as(output).isZero();
  }

  /** Every PromQL expression of the dashboard, keyed by where it is. */
  private Map<String, String> dashboardExpressions() throws IOException {
    JsonNode dashboard = json.readTree(DASHBOARD.toFile());
    Map<String, String> exprs = new LinkedHashMap<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.put("panel '" + panel.path("title").asText() + "' " + target.path("refId").asText(),
            target.path("expr").asText());
      }
    }
    for (JsonNode annotation : dashboard.path("annotations").path("list")) {
      if (annotation.has("expr")) {
        exprs.put("annotation '" + annotation.path("name").asText() + "'",
            annotation.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        exprs.put("variable '" + variable.path("name").asText() + "'",
            variable.path("query").path("query").asText());
      }
    }
    return exprs;
  }

  private List<JsonNode> alertRules() throws IOException {
    List<JsonNode> rules = new ArrayList<>();
    for (JsonNode group : yaml.readTree(ALERTS.toFile()).path("groups")) {
      group.path("rules").forEach(rules::add);
    }
    return rules;
  }

  /** GitHub's anchors of the runbook's headings: lower case, spaces to dashes, no punctuation. */
  private static Set<String> runbookAnchors() throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : Files.readAllLines(RUNBOOK)) {
      if (line.startsWith("#")) {
        anchors.add(line.replaceFirst("^#+\\s*", "").trim().toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
      }
    }
    return anchors;
  }

  private static List<String> metricsOf(String expr) {
    return PromQl.read(unwrapLabelValues(expr)).selectors().stream()
        .map(Selector::metric).filter(Objects::nonNull).toList();
  }

  private static String unwrapLabelValues(String expr) {
    Matcher labelValues = LABEL_VALUES.matcher(expr.trim());
    return labelValues.matches() ? labelValues.group(1) : expr;
  }

  /** What in {@code expr} does not exist in the scrape, as readable problems. */
  private static List<String> check(String where, String expr) {
    List<String> problems = new ArrayList<>();
    Matcher labelValues = LABEL_VALUES.matcher(expr.trim());
    Reads reads = PromQl.read(unwrapLabelValues(expr));
    Set<String> grouping = new TreeSet<>(reads.groupingLabels());
    if (labelValues.matches()) {
      grouping.add(labelValues.group(2));
    }
    Set<String> labelsRead = new TreeSet<>(TARGET_LABELS);
    for (Selector selector : reads.selectors()) {
      String metric = selector.metric();
      if (metric == null) {
        problems.add(where + ": a selector without a metric name");
        continue;
      }
      if (!SERIES.has(metric)) {
        problems.add(where + ": no series " + metric + " in the scrape");
        continue;
      }
      labelsRead.addAll(SERIES.labels(metric));
      for (PromQl.Matcher matcher : selector.matchers()) {
        problems.addAll(checkMatcher(where, metric, matcher));
      }
    }
    for (String label : grouping) {
      if (!labelsRead.contains(label)) {
        problems.add(where + ": groups by " + label + ", a label of none of its series");
      }
    }
    return problems;
  }

  private static List<String> checkMatcher(String where, String metric, PromQl.Matcher m) {
    if (TARGET_LABELS.contains(m.label())) {
      return List.of();
    }
    if (!SERIES.labels(metric).contains(m.label())) {
      return List.of(where + ": " + metric + " has no label " + m.label()
          + " (it has " + SERIES.labels(metric) + ")");
    }
    if (m.value().contains("$") || m.op().startsWith("!")) {
      return List.of();
    }
    Set<String> values = SERIES.values(metric, m.label());
    Pattern pattern = Pattern.compile(m.op().equals("=~") ? m.value() : Pattern.quote(m.value()));
    if (values.stream().noneMatch(v -> pattern.matcher(v).matches())) {
      return List.of(where + ": " + metric + "{" + m.label() + m.op() + "\"" + m.value()
          + "\"} matches none of " + values);
    }
    if (m.op().equals("=~")) {
      for (String alternative : m.value().split("\\|")) {
        if (alternative.matches("[a-z0-9_.]+") && !values.contains(alternative)) {
          return List.of(where + ": " + metric + " has no " + m.label() + "=\"" + alternative
              + "\" (it has " + values + ")");
        }
      }
    }
    return List.of();
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
