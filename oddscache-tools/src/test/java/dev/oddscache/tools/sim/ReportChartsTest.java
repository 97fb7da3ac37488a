package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The report's charts read right: one colour per policy, whole named levels, bucketed load. */
class ReportChartsTest {
  private static final SimulationResult RESULT = Runs.of(
      TestScenarios.clasico(10, 50, 2, 8, "\"oddscache\", \"bypass\", \"fixed-ttl\""));

  @Test
  void aPolicyHasOneColourInEveryChartAndEachPolicyItsOwn() {
    Map<String, XYChart> charts = ReportCharts.all(RESULT);
    Map<String, Set<Color>> byPolicy = new HashMap<>();
    for (String chart : List.of("load", "served-age")) {
      for (XYSeries s : charts.get(chart).getSeriesMap().values()) {
        String policy = s.getName().replace(" backend calls", "");
        if (!policy.equals("requests")) {
          byPolicy.computeIfAbsent(policy, k -> new HashSet<>()).add(s.getLineColor());
        }
      }
    }
    assertThat(byPolicy).containsOnlyKeys("oddscache", "bypass", "fixed-ttl");
    List<Color> colours = new ArrayList<>();
    byPolicy.forEach((policy, seen) -> {
      assertThat(seen).as("colours of %s", policy).hasSize(1);
      colours.add(seen.iterator().next());
    });
    assertThat(new HashSet<>(colours)).as("one colour each").hasSize(3);
    assertThat(byPolicy.get("oddscache")).containsExactly(PolicyPalette.PRODUCT);
  }

  @Test
  void loadIsAveragedOverBuckets() {
    XYSeries requests = ReportCharts.load(RESULT).getSeriesMap().get("requests");
    // Ten minutes of a constant 50 requests per second in 10-second buckets: 60 points of 50.
    assertThat(requests.getXData()).hasSize(60);
    for (double y : requests.getYData()) {
      assertThat(y).isEqualTo(50.0);
    }
  }

  @Test
  void breakerModeAndTiers_labelWholeLevelsByName() {
    XYChart mode = ReportCharts.all(RESULT).get("breaker-mode");
    var format = mode.getStyler().getyAxisTickLabelsFormattingFunction();
    assertThat(format.apply(0.0)).isEqualTo("NORMAL");
    assertThat(format.apply(1.0)).isEqualTo("HIGH_VOLATILITY");
    assertThat(format.apply(2.0)).isEqualTo("CIRCUIT_OPEN");
    assertThat(format.apply(0.2).isBlank()).as("no label between levels").isTrue();
    assertThat(format.apply(0.5)).isNotEqualTo(format.apply(1.5)).as("distinct blanks");
    var tiers = ReportCharts.all(RESULT).get("tiers").getStyler()
        .getyAxisTickLabelsFormattingFunction();
    assertThat(tiers.apply(2.0)).isEqualTo("2 PANIC_PARTIAL");
    assertThat(tiers.apply(0.0)).isEqualTo("0 no panic");
  }

  @Test
  void bucketsAreRoundAndAbout150() {
    assertThat(ReportCharts.bucketSeconds(150)).isEqualTo(10);
    assertThat(ReportCharts.bucketSeconds(3_000)).isEqualTo(30);
    assertThat(ReportCharts.bucketSeconds(7_200)).isEqualTo(60);
    assertThat(ReportCharts.bucketSeconds(86_400)).isEqualTo(600);
    assertThat(ReportCharts.bucketSeconds(86_400 * 30)).isEqualTo(17_280);
  }
}
