package dev.oddscache.tools.replay;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.knowm.xchart.internal.chartpart.Annotation;

/**
 * A translucent vertical band over the whole height of an XY chart's plot, between two x values in
 * chart units (epoch milliseconds on a date axis). XChart has no band series, and an area series
 * cannot span the full height of a log-scaled axis.
 */
final class BandAnnotation extends Annotation {
  private final double fromX;
  private final double toX;
  private final Color color;

  BandAnnotation(double fromX, double toX, Color color) {
    super(false);
    this.fromX = fromX;
    this.toX = toX;
    this.color = color;
  }

  @Override
  public void paint(Graphics2D g) {
    if (!isVisible) {
      return;
    }
    int left = Math.max(getXAxisScreenValue(fromX), getXAxisScreenValueForMin());
    int right = Math.min(getXAxisScreenValue(toX), getXAxisScreenValueForMax());
    int top = getYAxisScreenValueForMax();
    int bottom = getYAxisScreenValueForMin();
    if (right < left) {
      return;
    }
    // At least one pixel wide, so that a short episode on a long axis stays visible.
    int width = Math.max(1, right - left);
    bounds = new Rectangle2D.Double(left, Math.min(top, bottom), width, Math.abs(bottom - top));
    Color previous = g.getColor();
    g.setColor(color);
    g.fill(bounds);
    g.setColor(previous);
  }
}
