package dev.oddscache.tools.sim;

import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerMode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, built from a {@link SimulationResult} with XChart. Pure construction: the
 * caller renders them ({@link ReportWriter}).
 */
final class ReportCharts {
  static final int WIDTH = 1000;
  static final int HEIGHT = 420;
  private static final int MAX_POINTS = 1500;
  /** How many buckets a per-second series is drawn with, about. */
  private static final int TARGET_POINTS = 150;
  /**
   * Bucket widths below a minute. Never under 10 s: a backend called a few times a second draws
   * a comb between 0 and 1 per second on a log axis, where a 10-second mean shows its rate.
   */
  private static final int[] ROUND_SECONDS = {10, 15, 30, 60};
  /** Where a minute without backend calls is drawn on the load chart's log axis. */
  private static final double ZERO_LOAD_AT = 0.1;
  private static final String ELAPSED = "time since scenario start (h:mm)";
  private static final String[] MODE_NAMES = {"NORMAL", "HIGH_VOLATILITY", "CIRCUIT_OPEN"};
  private static final String[] TIER_NAMES =
      {"0 no panic", "1 PANIC_FULL", "2 PANIC_PARTIAL", "3 DEGRADED", "4 NEW_NORMAL"};

  private ReportCharts() {}

  /** File name (without .png) to chart, in report order. */
  static Map<String, XYChart> all(SimulationResult result) {
    Map<String, XYChart> charts = new LinkedHashMap<>();
    charts.put("load", load(result));
    charts.put("panic-ratio", panicRatio(result));
    PolicyResult cache = oddscache(result);
    long seconds = result.plan().durationSeconds();
    if (cache != null) {
      charts.put("breaker-mode", breakerMode(cache, seconds));
      charts.put("tiers", tiers(cache, result.plan().matches(), seconds));
    }
    charts.put("served-age", servedAge(result));
    for (XYChart chart : charts.values()) {
      if (chart.getSeriesMap().size() > 4) {
        // A horizontal legend of many policies is wider than the chart.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
      }
    }
    if (seconds > 24 * 60 * 60) {
      // Day 1 is the first day: the axis starts at the epoch, January 1st.
      charts.values().forEach(c -> c.getStyler().setDatePattern("'day' D, H:mm"));
    }
    if (!result.plan().tickDriven()) {
      return charts;
    }
    // The headline of a run on real odds comes first.
    Map<String, XYChart> withPrices = new LinkedHashMap<>();
    withPrices.put("price-error", PriceErrorChart.of(result));
    withPrices.putAll(charts);
    return withPrices;
  }

  static PolicyResult oddscache(SimulationResult result) {
    return result.policies().stream().filter(p -> p.policy().equals("oddscache")).findFirst()
        .orElse(null);
  }

  /**
   * Requests and backend calls per second, averaged over each minute (or wider buckets on long
   * runs), log scale; a bucket without calls is drawn at {@link #ZERO_LOAD_AT}.
   */
  static XYChart load(SimulationResult result) {
    PolicyResult first = result.policies().get(0);
    int bucket = bucketSeconds(first.requestsPerSecond().length);
    XYChart chart = chart("Requests vs backend calls per second, mean over each "
        + bucketName(bucket) + " (log scale; 0 drawn as 0.1)", "per second");
    chart.getStyler().setYAxisLogarithmic(true);
    PolicyPalette palette = PolicyPalette.of(result);
    XYSeries requests = line(chart, "requests",
        atLeast(ChartSeries.meanPerBucket(ChartSeries.toDouble(first.requestsPerSecond()), bucket),
            ZERO_LOAD_AT));
    requests.setLineColor(PolicyPalette.NEUTRAL);
    requests.setLineWidth(1.2f);
    for (PolicyResult p : result.policies()) {
      styled(line(chart, p.policy() + " backend calls", atLeast(ChartSeries.meanPerBucket(
          ChartSeries.toDouble(p.backendCallsPerSecond()), bucket), ZERO_LOAD_AT)),
          palette, p.policy());
    }
    return chart;
  }

  /** The traffic's 30-minute PANIC ratio, as the breaker evaluates it, against its thresholds. */
  static XYChart panicRatio(SimulationResult result) {
    XYChart chart = chart("Panic ratio over the breaker's 30-minute window, with its thresholds",
        "panic ratio");
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    PolicyResult first = result.policies().get(0);
    double[] ratio = ChartSeries.windowRatio(first.panicRequestsPerSecond(),
        first.requestsPerSecond(), (int) BreakerConfig.DEFAULT_WINDOW.toSeconds());
    line(chart, "panic ratio", ChartSeries.maxPerBucket(ratio, MAX_POINTS));
    double end = result.plan().durationSeconds() / 60.0;
    threshold(chart, "exit HIGH_VOLATILITY < 0.30",
        BreakerConfig.DEFAULT_EXIT_HIGH_VOLATILITY, end);
    threshold(chart, "enter HIGH_VOLATILITY >= 0.50",
        BreakerConfig.DEFAULT_ENTER_HIGH_VOLATILITY, end);
    threshold(chart, "close circuit < 0.60", BreakerConfig.DEFAULT_CLOSE_CIRCUIT, end);
    threshold(chart, "open circuit >= 0.80", BreakerConfig.DEFAULT_OPEN_CIRCUIT, end);
    return chart;
  }

  /** The oddscache breaker's mode over time. */
  static XYChart breakerMode(PolicyResult cache, long durationSeconds) {
    XYChart chart = chart("oddscache breaker mode", "breaker mode");
    chart.getStyler().setYAxisMin(-0.2).setYAxisMax(2.2);
    levels(chart, MODE_NAMES);
    List<long[]> changes = new ArrayList<>();
    for (Transition.Breaker t : cache.breakerTransitions()) {
      changes.add(new long[] {t.second(), BreakerMode.valueOf(t.to()).level()});
    }
    line(chart, "breaker mode", ChartSeries.steps(0, changes, durationSeconds));
    return chart;
  }

  /** The panic tier of each match over time, as seen on oddscache's decisions. */
  static XYChart tiers(PolicyResult cache, List<Scenario.MatchSpec> matches,
      long durationSeconds) {
    XYChart chart = chart("Panic tier per match (oddscache decisions)", "tier");
    chart.getStyler().setYAxisMin(-0.2).setYAxisMax(4.2);
    levels(chart, TIER_NAMES);
    Map<String, List<long[]>> byMatch = new LinkedHashMap<>();
    for (Scenario.MatchSpec m : matches) {
      byMatch.put(m.id().trim(), new ArrayList<>());
    }
    for (Transition.Tier t : cache.tierTransitions()) {
      byMatch.get(t.match()).add(new long[] {t.second(), t.to()});
    }
    byMatch.forEach((match, changes) ->
        line(chart, match, ChartSeries.steps(0, changes, durationSeconds)));
    return chart;
  }

  /** The oldest value served in each minute (or wider buckets on long runs), per policy. */
  static XYChart servedAge(SimulationResult result) {
    int bucket = bucketSeconds(result.policies().get(0).maxAgeMillisPerSecond().length);
    XYChart chart = chart("Oldest value served in each " + bucketName(bucket),
        "age (seconds)");
    PolicyPalette palette = PolicyPalette.of(result);
    for (PolicyResult p : result.policies()) {
      double[] seconds = new double[p.maxAgeMillisPerSecond().length];
      for (int i = 0; i < seconds.length; i++) {
        seconds[i] = p.maxAgeMillisPerSecond()[i] / 1000.0;
      }
      styled(line(chart, p.policy(), ChartSeries.maxOverBuckets(seconds, bucket)), palette,
          p.policy());
    }
    return chart;
  }

  /**
   * About {@link #TARGET_POINTS} buckets of 10, 15 or 30 seconds or whole minutes, and at most
   * {@link #MAX_POINTS}: a two-hour run is drawn per minute, where per second the TTL cycles
   * draw a sawtooth, and a three-minute run per 10 seconds.
   */
  static int bucketSeconds(int seconds) {
    int target = Math.max(1, seconds / TARGET_POINTS);
    for (int round : ROUND_SECONDS) {
      if (target <= round) {
        return round;
      }
    }
    int minutes = Math.max((target + 59) / 60,
        (seconds + MAX_POINTS * 60 - 1) / (MAX_POINTS * 60));
    return minutes * 60;
  }

  private static String bucketName(int bucketSeconds) {
    if (bucketSeconds < 60) {
      return bucketSeconds == 1 ? "second" : bucketSeconds + " seconds";
    }
    int minutes = bucketSeconds / 60;
    return minutes == 1 ? "minute" : minutes + " minutes";
  }

  /**
   * An axis of named levels 0, 1, 2...: one labelled tick per level instead of decimals between
   * states that have none. The tick spacing hint lets only whole steps fit; XChart drops ticks
   * whose labels repeat, so the few between levels get distinct blank labels.
   */
  private static void levels(XYChart chart, String[] names) {
    double plotPixels = HEIGHT - 120;
    chart.getStyler().setYAxisTickMarkSpacingHint(
        (int) (0.8 * plotPixels / (names.length - 1 + 0.4)));
    chart.setCustomYAxisTickLabelsFormatter(v -> {
      long level = Math.round(v);
      if (Math.abs(v - level) < 1e-6 && level >= 0 && level < names.length) {
        return names[(int) level];
      }
      return " ".repeat((int) Math.max(1, Math.floor(v * 2 + 3)));
    });
  }

  private static void styled(XYSeries series, PolicyPalette palette, String policy) {
    series.setLineColor(palette.colour(policy));
    series.setLineStyle(palette.stroke(policy));
  }

  private static XYChart chart(String title, String yTitle) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
        .xAxisTitle(ELAPSED).yAxisTitle(yTitle).build();
    Styler styler = chart.getStyler();
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(0);
    // Time runs on a date axis from the epoch: XChart then picks round ticks (0:10, 0:20...),
    // where a numeric axis over evenly spaced points puts them at odd minutes.
    chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    chart.getStyler().setDatePattern("H:mm");
    return chart;
  }

  private static XYSeries line(XYChart chart, String name, ChartSeries.Points points) {
    XYSeries series = chart.addSeries(name, dates(points.x()), values(points.y()));
    series.setMarker(SeriesMarkers.NONE);
    series.setLineWidth(1.5f);
    return series;
  }

  private static void threshold(XYChart chart, String name, double value, double endMinute) {
    XYSeries series =
        chart.addSeries(name, dates(new double[] {0, endMinute}), List.of(value, value));
    series.setMarker(SeriesMarkers.NONE);
    series.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
  }

  private static List<Date> dates(double[] minutes) {
    List<Date> dates = new ArrayList<>(minutes.length);
    for (double m : minutes) {
      dates.add(new Date(Math.round(m * 60_000)));
    }
    return dates;
  }

  private static List<Double> values(double[] y) {
    List<Double> values = new ArrayList<>(y.length);
    for (double v : y) {
      values.add(v);
    }
    return values;
  }

  private static ChartSeries.Points atLeast(ChartSeries.Points points, double floor) {
    double[] y = points.y().clone();
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.max(floor, y[i]);
    }
    return new ChartSeries.Points(points.x(), y);
  }
}
