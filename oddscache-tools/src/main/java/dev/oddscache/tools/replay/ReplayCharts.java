package dev.oddscache.tools.replay;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The chart of one market: the last traded price of its busiest selections over the feed's time,
 * with WARNING (amber) and PANIC (red) held-status runs shaded. Pure construction: {@link
 * ReplayReport} renders it.
 */
final class ReplayCharts {
  static final int WIDTH = 1100;
  static final int HEIGHT = 520;
  /** Selections drawn per chart; more lines than this are unreadable. */
  static final int MAX_SELECTIONS = 6;
  /** Price changes drawn per selection; longer series keep evenly spaced changes. */
  private static final int MAX_POINTS = 4000;
  private static final Color WARNING = new Color(255, 170, 0, 50);
  private static final Color PANIC = new Color(220, 20, 20, 48);
  /**
   * The selections' colours: far apart from each other and from the amber and red of the status
   * bands behind them (no orange, no red, no yellow), dark enough on white.
   */
  private static final Color[] SELECTION_COLOURS = {
    new Color(0x1F, 0x4E, 0xA8), new Color(0x00, 0x8A, 0x5E), new Color(0x7B, 0x3F, 0xA8),
    new Color(0x22, 0x22, 0x22), new Color(0x00, 0x9C, 0xC4), new Color(0x8C, 0x56, 0x2B)};
  /** A log axis spanning up to this many decades labels 2, 3, 5... too, not only 1, 10, 100. */
  private static final double LABEL_ALL_TICKS_UP_TO_DECADES = 2.2;
  private static final long DAY_MILLIS = 86_400_000L;

  private ReplayCharts() {}

  static XYChart market(MarketReplay m) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(Locale.ROOT, "%s: last traded prices, "
                + "WARNING shaded amber, PANIC red", m.shortHeading()))
        .xAxisTitle(xTitle(m)).yAxisTitle("last traded price (log scale)").build();
    Styler styler = chart.getStyler();
    // Vertical on the right: a horizontal legend of six selection ids is wider than the chart.
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setMarkerSize(0);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    long span = m.lastMillis() - m.firstMillis();
    chart.getStyler().setDatePattern(
        span > DAY_MILLIS ? "MM-dd HH:mm" : span > 20 * 60_000L ? "HH:mm" : "HH:mm:ss");
    int colour = 0;
    double low = Double.MAX_VALUE;
    double high = 0;
    for (Map.Entry<String, PriceSeries> e : m.topPrices(MAX_SELECTIONS).entrySet()) {
      XYSeries series = line(chart, m.selectionLabel(e.getKey()), e.getValue(), m.lastMillis());
      series.setLineColor(SELECTION_COLOURS[colour++ % SELECTION_COLOURS.length]);
      for (int i = 0; i < e.getValue().size(); i++) {
        low = Math.min(low, e.getValue().price(i));
        high = Math.max(high, e.getValue().price(i));
      }
    }
    // XChart labels only the decades of a log axis, which over a narrow range of prices (1.2 to
    // 22) leaves a single label: a few decades or less get every 1-9 tick labelled.
    chart.getStyler().setYAxisLogarithmicDecadeOnly(
        !(high > 0 && Math.log10(high / low) <= LABEL_ALL_TICKS_UP_TO_DECADES));
    for (StatusRun run : m.warningRuns()) {
      chart.addAnnotation(new BandAnnotation(run.startMillis(), run.endMillis(), WARNING));
    }
    for (Episode e : m.episodes()) {
      chart.addAnnotation(new BandAnnotation(e.startMillis(), e.endMillis(), PANIC));
    }
    marker(chart, m.kickoffMillis(), m);
    marker(chart, m.inPlayFromMillis(), m);
    return chart;
  }

  private static String xTitle(MarketReplay m) {
    StringBuilder title = new StringBuilder("feed time (UTC)");
    if (within(m.kickoffMillis(), m)) {
      title.append("; dashed line: kickoff ").append(Times.dateTime(m.kickoffMillis()));
    }
    if (within(m.inPlayFromMillis(), m)) {
      title.append("; dashed line: in play from ").append(Times.dateTime(m.inPlayFromMillis()));
    }
    return title.toString();
  }

  private static boolean within(Long millis, MarketReplay m) {
    return millis != null && millis >= m.firstMillis() && millis <= m.lastMillis();
  }

  /**
   * A selection's price as a step line: it holds until the next tick, and the last one until the
   * end of the market's ticks.
   */
  private static XYSeries line(XYChart chart, String selection, PriceSeries s, long endMillis) {
    int step = Math.max(1, (s.size() + MAX_POINTS - 1) / MAX_POINTS);
    List<Date> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    double previous = Double.NaN;
    for (int i = 0; i < s.size(); i += step) {
      if (!Double.isNaN(previous)) {
        x.add(new Date(s.time(i)));
        y.add(previous);
      }
      x.add(new Date(s.time(i)));
      y.add(s.price(i));
      previous = s.price(i);
    }
    x.add(new Date(Math.max(endMillis, s.time(s.size() - 1))));
    y.add(previous);
    XYSeries series = chart.addSeries(selection + " (" + s.size() + " ticks)", x, y);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineWidth(1.5f);
    return series;
  }

  /** A dashed vertical line at {@code millis} when it falls within the market's ticks. */
  private static void marker(XYChart chart, Long millis, MarketReplay m) {
    if (!within(millis, m)) {
      return;
    }
    AnnotationLine line = new AnnotationLine(millis, true, false);
    chart.addAnnotation(line);
    chart.getStyler().setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
    chart.getStyler().setAnnotationLineColor(Color.DARK_GRAY);
  }
}
