package dev.oddscache.tools.sim;

import java.util.List;

/**
 * Turns per-second arrays and transition lists into chart points, with time in minutes. Long
 * runs are reduced to at most {@code maxPoints} by keeping each bucket's maximum, so a one-second
 * spike stays visible.
 */
final class ChartSeries {
  private ChartSeries() {}

  /** x and y values of one series. */
  record Points(double[] x, double[] y) {}

  /** Per-second values, reduced to at most {@code maxPoints} bucket maxima. */
  static Points maxPerBucket(double[] perSecond, int maxPoints) {
    int n = perSecond.length;
    return maxOverBuckets(perSecond, Math.max(1, (n + maxPoints - 1) / maxPoints));
  }

  /** Per-second values, reduced to the maximum of each bucket of {@code bucket} seconds. */
  static Points maxOverBuckets(double[] perSecond, int bucket) {
    int n = perSecond.length;
    int points = (n + bucket - 1) / bucket;
    double[] x = new double[points];
    double[] y = new double[points];
    for (int p = 0; p < points; p++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = p * bucket; i < Math.min(n, (p + 1) * bucket); i++) {
        max = Math.max(max, perSecond[i]);
      }
      x[p] = p * bucket / 60.0;
      y[p] = max;
    }
    return new Points(x, y);
  }

  /** Per-second values, averaged over buckets of {@code bucketSeconds} (the last may be short). */
  static Points meanPerBucket(double[] perSecond, int bucketSeconds) {
    int n = perSecond.length;
    int points = (n + bucketSeconds - 1) / bucketSeconds;
    double[] x = new double[points];
    double[] y = new double[points];
    for (int p = 0; p < points; p++) {
      int from = p * bucketSeconds;
      int to = Math.min(n, from + bucketSeconds);
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += perSecond[i];
      }
      x[p] = from / 60.0;
      y[p] = sum / (to - from);
    }
    return new Points(x, y);
  }

  static double[] toDouble(int[] values) {
    double[] d = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = values[i];
    }
    return d;
  }

  /**
   * The panic ratio the breaker sees at each second, over its rolling window of one-second
   * buckets: PANIC requests over all requests in the complete seconds
   * {@code [s - windowSeconds, s - 1]}; 0 before the first request.
   */
  static double[] windowRatio(int[] panic, int[] total, int windowSeconds) {
    long[] panicSum = prefix(panic);
    long[] totalSum = prefix(total);
    double[] ratio = new double[total.length];
    for (int s = 0; s < total.length; s++) {
      int from = Math.max(0, s - windowSeconds);
      long t = totalSum[s] - totalSum[from];
      ratio[s] = t == 0 ? 0 : (double) (panicSum[s] - panicSum[from]) / t;
    }
    return ratio;
  }

  private static long[] prefix(int[] values) {
    long[] sum = new long[values.length + 1];
    for (int i = 0; i < values.length; i++) {
      sum[i + 1] = sum[i] + values[i];
    }
    return sum;
  }

  /** A step line starting at {@code initial}, changing at each (second, value), to the end. */
  static Points steps(double initial, List<long[]> changes, long endSecond) {
    int n = 2 + 2 * changes.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double current = initial;
    x[0] = 0;
    y[0] = current;
    int i = 1;
    for (long[] change : changes) {
      x[i] = change[0] / 60.0;
      y[i++] = current;
      current = change[1];
      x[i] = change[0] / 60.0;
      y[i++] = current;
    }
    x[i] = endSecond / 60.0;
    y[i] = current;
    return new Points(x, y);
  }
}
