package dev.oddscache.tools.sim;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The headline chart of a run on real odds: each policy's p99.9 price error against its backend
 * loads, one labelled point per policy, both axes log scale. Lower is more accurate and further
 * left is cheaper, so a policy is dominated when another point lies below and to its left; the
 * product ({@code oddscache}) is a diamond so that this is seen at a glance. Each policy has
 * its colour of the report's other charts.
 */
final class PriceErrorChart {
  static final String PRODUCT = "oddscache";
  /** Where a p99.9 error of 0 is drawn: a log axis has no 0, and this is below any measured. */
  static final double ZERO_AT = PriceErrorHistogram.RESOLUTION / 2;
  private static final int HEIGHT = 600;
  private static final double LABEL_ALL_TICKS_UP_TO_DECADES = 2.2;

  private PriceErrorChart() {}

  static XYChart of(SimulationResult result) {
    XYChart chart = new XYChartBuilder().width(ReportCharts.WIDTH).height(HEIGHT)
        .title(result.scenario().name() + ": p99.9 price error against backend loads")
        .xAxisTitle("backend loads (log scale)")
        .yAxisTitle("p99.9 price error, |ln price now - ln price at load start| (log scale)")
        .build();
    XYStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    styler.setXAxisLogarithmic(true);
    styler.setYAxisLogarithmic(true);
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setLegendVisible(false);
    styler.setMarkerSize(12);
    styler.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    styler.setAnnotationTextFontColor(Color.DARK_GRAY);
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (PolicyResult p : result.policies()) {
      minX = Math.min(minX, x(p));
      maxX = Math.max(maxX, x(p));
      minY = Math.min(minY, y(p));
      maxY = Math.max(maxY, y(p));
    }
    // Half a decade or so of margin, so that labels at the edges stay inside the plot.
    minX /= 2;
    maxX *= 2;
    minY /= 2;
    maxY *= 2;
    styler.setXAxisMin(minX).setXAxisMax(maxX);
    styler.setYAxisMin(minY).setYAxisMax(maxY);
    // XChart labels only the decades of a log axis: over two decades or so that is one or two
    // labels, so such an axis gets its 2, 3, 5... ticks labelled too.
    styler.setXAxisLogarithmicDecadeOnly(Math.log10(maxX / minX) > LABEL_ALL_TICKS_UP_TO_DECADES);
    styler.setYAxisLogarithmicDecadeOnly(Math.log10(maxY / minY) > LABEL_ALL_TICKS_UP_TO_DECADES);
    Labels labels = new Labels(minX, maxX, minY, maxY);
    // The colours of the report's other charts; the product stands apart by its diamond.
    PolicyPalette palette = PolicyPalette.of(result);
    for (PolicyResult p : result.policies()) {
      labels.point(x(p), y(p));
    }
    for (PolicyResult p : result.policies()) {
      boolean product = p.policy().equals(PRODUCT);
      XYSeries point = chart.addSeries(p.policy(), new double[] {x(p)}, new double[] {y(p)});
      point.setMarker(product ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
      point.setMarkerColor(palette.colour(p.policy()));
      String text = product ? "oddscache (the product)" : p.policy();
      double[] at = labels.place(text, x(p), y(p));
      chart.addAnnotation(new AnnotationText(text, at[0], at[1], false));
    }
    return chart;
  }

  /**
   * Places each label next to its point where it overlaps no other label or point: above, below,
   * right or left, in that order of preference, on an estimate of the plot's pixel geometry.
   */
  private static final class Labels {
    private static final double PLOT_WIDTH = 900;
    private static final double PLOT_HEIGHT = 480;
    private static final double CHAR_WIDTH = 7.5;
    private static final double HEIGHT = 16;
    private static final double GAP = 12;

    private final double minX;
    private final double minY;
    private final double pixelsPerDecadeX;
    private final double pixelsPerDecadeY;
    private final List<double[]> boxes = new ArrayList<>();

    Labels(double minX, double maxX, double minY, double maxY) {
      this.minX = minX;
      this.minY = minY;
      this.pixelsPerDecadeX = PLOT_WIDTH / Math.log10(maxX / minX);
      this.pixelsPerDecadeY = PLOT_HEIGHT / Math.log10(maxY / minY);
    }

    /** A marker, which labels must not cover. */
    void point(double x, double y) {
      double px = px(x);
      double py = py(y);
      boxes.add(new double[] {px - 8, py - 8, px + 8, py + 8});
    }

    /** Where to centre {@code text}, in data coordinates. */
    double[] place(String text, double x, double y) {
      double px = px(x);
      double py = py(y);
      double w = text.length() * CHAR_WIDTH;
      double[][] centres = {
        {px, py + GAP + HEIGHT / 2}, {px, py - GAP - HEIGHT / 2},
        {px + GAP + w / 2, py}, {px - GAP - w / 2, py}};
      double[] chosen = centres[0];
      for (double[] c : centres) {
        if (free(c[0], c[1], w)) {
          chosen = c;
          break;
        }
      }
      boxes.add(box(chosen[0], chosen[1], w));
      return new double[] {
        minX * Math.pow(10, chosen[0] / pixelsPerDecadeX),
        minY * Math.pow(10, chosen[1] / pixelsPerDecadeY)};
    }

    private boolean free(double cx, double cy, double w) {
      double[] b = box(cx, cy, w);
      for (double[] o : boxes) {
        if (b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]) {
          return false;
        }
      }
      return true;
    }

    private static double[] box(double cx, double cy, double w) {
      return new double[] {cx - w / 2, cy - HEIGHT / 2, cx + w / 2, cy + HEIGHT / 2};
    }

    private double px(double x) {
      return Math.log10(x / minX) * pixelsPerDecadeX;
    }

    private double py(double y) {
      return Math.log10(y / minY) * pixelsPerDecadeY;
    }
  }

  /** Backend loads, drawn at 1 when there were none. */
  static double x(PolicyResult p) {
    return Math.max(1, p.backendCalls());
  }

  /** The p99.9 price error, drawn at {@link #ZERO_AT} when it is 0. */
  static double y(PolicyResult p) {
    return Math.max(ZERO_AT, p.priceError().p999());
  }
}
