package dev.oddscache.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances' histograms add up to the fleet's quantiles. Two real caches, each on its own
 * Prometheus registry exported as the server exports it, serve very different traffic: "fast"
 * loads in microseconds to milliseconds, "slow" mostly in tens of milliseconds with a tenth of
 * its loads taking seconds. Prometheus sums their {@code _bucket} series by {@code le}, and
 * {@code histogram_quantile} of the sum must fall in the bucket of the true quantile of all
 * their requests together, so within one bucket width of it.
 *
 * <p>The traffic is chosen so that the fleet's p99 is in neither instance's own p99 bucket: no
 * combination of per-instance quantiles (the old summaries) gives it.
 *
 * <p>Evaluated twice, by the real tools: a real Prometheus scraping both {@code /metrics}
 * texts over HTTP, and {@code promtool test rules} over the series of two real scrapes of each
 * (before and after the traffic) with the {@code rate(...[5m])} form the dashboard and the
 * alerts use. Each skips when its tool is not installed.
 */
class FleetQuantileTest {
  private static final double[] QUANTILES = {0.5, 0.9, 0.99};
  private static final String DURATION = "oddscache_request_duration_seconds";
  private static final String AGE = "oddscache_served_age_seconds";

  private final FleetInstance fast = new FleetInstance();
  private final FleetInstance slow = new FleetInstance();
  private final Map<String, String> before = new LinkedHashMap<>();

  @BeforeEach
  void traffic() {
    before.put("fast", fast.scrape());
    before.put("slow", slow.scrape());
    Random random = new Random(14);
    // 900 loads log-uniform from 1 µs to 2 ms; 1.5 s later, 300 hits.
    for (int i = 0; i < 900; i++) {
      fast.miss("f" + i, (long) (1_000 * Math.pow(2_000, random.nextDouble())));
    }
    fast.advance(Duration.ofMillis(1_500));
    for (int i = 600; i < 900; i++) {
      fast.hit("f" + i);
    }
    // 90 loads of 10 to 50 ms and 10 of 2 to 4 s, mixed; 6 s later, 50 hits.
    List<Long> loads = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      loads.add(TimeUnit.MICROSECONDS.toNanos(10_000 + random.nextInt(40_000)));
    }
    for (int i = 0; i < 10; i++) {
      loads.add(TimeUnit.MICROSECONDS.toNanos(2_000_000 + random.nextInt(2_000_000)));
    }
    Collections.shuffle(loads, random);
    for (int i = 0; i < loads.size(); i++) {
      slow.miss("s" + i, loads.get(i));
    }
    slow.advance(Duration.ofSeconds(6));
    for (int i = 50; i < 100; i++) {
      slow.hit("s" + i);
    }
  }

  @AfterEach
  void close() {
    fast.close();
    slow.close();
  }

  @Test
  void prometheusScrapingBothInstances_givesTheFleetsQuantilesFromTheSummedBuckets(
      @TempDir Path dir) throws Exception {
    assumeTrue(PrometheusProcess.BINARY.canExecute(),
        "/usr/bin/prometheus not installed (apt-get install prometheus): skipping the fleet"
            + " scrape");
    assertTheFleetP99IsNoInstancesOwn();
    long requests = fast.durationsSeconds().size() + slow.durationsSeconds().size();
    try (MetricsEndpoint a = MetricsEndpoint.serve(fast.registry());
        MetricsEndpoint b = MetricsEndpoint.serve(slow.registry());
        PrometheusProcess prometheus = PrometheusProcess.start(dir,
            List.of(a.target(), b.target()))) {
      // Prometheus starts, then scrapes each target once a second: poll its query API.
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
          .ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> prometheus.query("count(up == 1)") == 2
              && prometheus.query("sum(" + DURATION + "_count)") == requests);

      for (double q : QUANTILES) {
        assertInTrueBucket("request duration p" + q,
            prometheus.query("histogram_quantile(" + q + ", sum by (le) (" + DURATION
                + "_bucket))"),
            TrueQuantile.of(q, fast.durationBounds(),
                List.of(fast.durationsSeconds(), slow.durationsSeconds())));
        assertInTrueBucket("served age p" + q,
            prometheus.query("histogram_quantile(" + q + ", sum by (le) (" + AGE + "_bucket))"),
            TrueQuantile.of(q, fast.ageBounds(),
                List.of(fast.agesSeconds(), slow.agesSeconds())));
      }
    }
  }

  @Test
  void promtoolOverBothInstancesScrapes_givesTheFleetsQuantilesFromTheSummedRates(
      @TempDir Path dir) throws Exception {
    assumeTrue(onPath("promtool"),
        "promtool not installed (apt-get install prometheus): skipping the fleet rules test");
    assertTheFleetP99IsNoInstancesOwn();
    Map<String, String> after = Map.of("fast", fast.scrape(), "slow", slow.scrape());
    StringBuilder test = new StringBuilder("tests:\n  - interval: 1m\n    input_series:\n");
    for (String instance : before.keySet()) {
      Map<String, String> then = samples(before.get(instance));
      samples(after.get(instance)).forEach((series, value) -> {
        if (series.startsWith(DURATION + "_bucket") || series.startsWith(AGE + "_bucket")) {
          test.append("      - series: '").append(withInstance(series, instance)).append("'\n")
              .append("        values: '").append(then.get(series)).append(' ').append(value)
              .append("'\n");
        }
      });
    }
    test.append("    promql_expr_test:\n");
    for (double q : QUANTILES) {
      expect(test, q, DURATION, TrueQuantile.of(q, fast.durationBounds(),
          List.of(fast.durationsSeconds(), slow.durationsSeconds())));
      expect(test, q, AGE, TrueQuantile.of(q, fast.ageBounds(),
          List.of(fast.agesSeconds(), slow.agesSeconds())));
    }
    Path file = Files.writeString(dir.resolve("fleet_test.yml"), test);

    Process promtool = new ProcessBuilder("promtool", "test", "rules", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(promtool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(promtool.exitValue()).as("%s%n%s", output, test).isZero();
  }

  /**
   * One expression test: the fleet's quantile, as the dashboard computes it, within one bucket
   * width of the truth ({@code bool} gives 1 when it is, 0 when not).
   */
  private static void expect(StringBuilder test, double q, String family, TrueQuantile truth) {
    test.append("      - expr: 'abs(histogram_quantile(").append(q).append(", sum by (le) (rate(")
        .append(family).append("_bucket[5m]))) - ").append(truth.value()).append(") <= bool ")
        .append(truth.bucketWidth()).append("'\n")
        .append("        eval_time: 1m\n")
        .append("        exp_samples:\n")
        .append("          - labels: '{}'\n")
        .append("            value: 1\n");
  }

  /** The fleet's p99 bucket differs from each instance's own: the test can tell them apart. */
  private void assertTheFleetP99IsNoInstancesOwn() {
    double[] bounds = fast.durationBounds();
    TrueQuantile fleet = TrueQuantile.of(0.99, bounds,
        List.of(fast.durationsSeconds(), slow.durationsSeconds()));
    TrueQuantile fastOwn = TrueQuantile.of(0.99, bounds, List.of(fast.durationsSeconds()));
    TrueQuantile slowOwn = TrueQuantile.of(0.99, bounds, List.of(slow.durationsSeconds()));
    assertThat(fleet.upper()).as("fleet p99 %s; fast %s, slow %s", fleet, fastOwn, slowOwn)
        .isNotIn(fastOwn.upper(), slowOwn.upper());
  }

  private static void assertInTrueBucket(String what, double estimate, TrueQuantile truth) {
    assertThat(estimate).as("%s: histogram_quantile %s, truth %s", what, estimate, truth)
        .isBetween(truth.lower(), truth.upper())
        .isCloseTo(truth.value(), within(truth.bucketWidth()));
  }

  /**
   * The sample lines of a text exposition, series (everything before the value) to value. Not
   * a parser of the format: a line's series is already PromQL series syntax.
   */
  private static Map<String, String> samples(String text) {
    Map<String, String> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return samples;
  }

  /** The series with an {@code instance} label, as Prometheus adds it to a scraped target. */
  private static String withInstance(String series, String instance) {
    String label = "instance=\"" + instance + "\"";
    int brace = series.indexOf('{');
    return brace < 0 ? series + "{" + label + "}"
        : series.substring(0, brace + 1) + label + "," + series.substring(brace + 1);
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, command).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
