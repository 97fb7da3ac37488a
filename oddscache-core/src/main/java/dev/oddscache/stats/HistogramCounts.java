package dev.oddscache.stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * The counts of a fixed-bucket histogram at one moment, in Prometheus's classic form: bucket
 * {@code i} counts every value {@code <= upperBound(i)} (cumulative), the last bucket's bound is
 * {@code +Inf} and its count is {@link #count()}. Values and bounds are in seconds. Immutable.
 *
 * <p>Two instances' counts with the same bounds {@linkplain #plus add up} to the counts of the
 * union of their samples, which is what makes a fleet's quantile computable; {@link #minus}
 * gives the samples recorded between two reads.
 */
public final class HistogramCounts {
  /** Finite, strictly ascending; shared between instances, never written. */
  private final double[] bounds;
  /** One per bound, then the +Inf bucket; non-decreasing. */
  private final long[] cumulative;
  private final double sum;

  private HistogramCounts(double[] bounds, long[] cumulative, double sum) {
    this.bounds = bounds;
    this.cumulative = cumulative;
    this.sum = sum;
  }

  /**
   * @param upperBounds the finite bounds in seconds, strictly ascending; the {@code +Inf}
   *     bucket is implied
   * @param cumulativeCounts one per bound, then the {@code +Inf} bucket's (the total count);
   *     non-negative and non-decreasing
   * @param sum the sum of the values, in seconds
   * @throws IllegalArgumentException naming what is wrong, with the value
   */
  public static HistogramCounts of(double[] upperBounds, long[] cumulativeCounts, double sum) {
    Objects.requireNonNull(upperBounds, "upperBounds");
    Objects.requireNonNull(cumulativeCounts, "cumulativeCounts");
    double[] bounds = upperBounds.clone();
    for (int i = 0; i < bounds.length; i++) {
      if (!Double.isFinite(bounds[i]) || i > 0 && bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException("upperBounds must be finite and strictly ascending,"
            + " got " + Arrays.toString(upperBounds));
      }
    }
    if (cumulativeCounts.length != bounds.length + 1) {
      throw new IllegalArgumentException("cumulativeCounts must have one count per bound and one"
          + " for +Inf (" + (bounds.length + 1) + "), got " + cumulativeCounts.length);
    }
    long[] counts = cumulativeCounts.clone();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] < 0 || i > 0 && counts[i] < counts[i - 1]) {
        throw new IllegalArgumentException("cumulativeCounts must be non-negative and"
            + " non-decreasing, got " + Arrays.toString(cumulativeCounts));
      }
    }
    return new HistogramCounts(bounds, counts, sum);
  }

  /** For {@link BucketHistogram}, which builds both arrays itself and shares its bounds. */
  static HistogramCounts owning(double[] bounds, long[] cumulative, double sum) {
    return new HistogramCounts(bounds, cumulative, sum);
  }

  /** How many buckets, the {@code +Inf} one included. */
  public int buckets() {
    return cumulative.length;
  }

  /** The upper bound of bucket {@code i} in seconds; {@code +Inf} for the last. */
  public double upperBound(int i) {
    return i == bounds.length ? Double.POSITIVE_INFINITY : bounds[i];
  }

  /** The finite upper bounds, in seconds. */
  public double[] upperBounds() {
    return bounds.clone();
  }

  /** How many values are at most {@link #upperBound(int) upperBound(i)}. */
  public long cumulativeCount(int i) {
    return cumulative[i];
  }

  /** How many values were recorded: the {@code +Inf} bucket's count. */
  public long count() {
    return cumulative[cumulative.length - 1];
  }

  /** The sum of the values recorded, in seconds. */
  public double sum() {
    return sum;
  }

  /**
   * The counts of both samples together, as Prometheus's {@code sum by (le)} computes them.
   *
   * @throws IllegalArgumentException if the bounds differ
   */
  public HistogramCounts plus(HistogramCounts other) {
    requireSameBounds(other);
    long[] counts = new long[cumulative.length];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = cumulative[i] + other.cumulative[i];
    }
    return new HistogramCounts(bounds, counts, sum + other.sum);
  }

  /**
   * The values recorded since {@code earlier} was read, as Prometheus's {@code increase} over
   * each bucket. A bucket lower than in {@code earlier} (counts of a restarted process) counts as
   * no change, so that the result stays a valid histogram.
   *
   * @throws IllegalArgumentException if the bounds differ
   */
  public HistogramCounts minus(HistogramCounts earlier) {
    requireSameBounds(earlier);
    long[] counts = new long[cumulative.length];
    long previousNow = 0;
    long previousThen = 0;
    long running = 0;
    for (int i = 0; i < counts.length; i++) {
      long inBucketNow = cumulative[i] - previousNow;
      long inBucketThen = earlier.cumulative[i] - previousThen;
      previousNow = cumulative[i];
      previousThen = earlier.cumulative[i];
      running += Math.max(0, inBucketNow - inBucketThen);
      counts[i] = running;
    }
    return new HistogramCounts(bounds, counts, Math.max(0.0, sum - earlier.sum));
  }

  /**
   * The {@code q}-quantile as Prometheus's {@code histogram_quantile} estimates it: linear
   * interpolation within the bucket holding rank {@code q × count}, from 0 for the first
   * bucket; the highest finite bound when that rank falls in the {@code +Inf} bucket. NaN when
   * nothing was recorded or {@code q} is NaN; {@code -Inf} below 0 and {@code +Inf} above 1.
   */
  public double quantile(double q) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    long total = count();
    if (total == 0 || bounds.length == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    int b = 0;
    while (b < bounds.length && cumulative[b] < rank) {
      b++;
    }
    if (b == bounds.length) {
      return bounds[bounds.length - 1];
    }
    if (b == 0 && bounds[0] <= 0) {
      return bounds[0];
    }
    double start = b == 0 ? 0 : bounds[b - 1];
    double below = b == 0 ? 0 : cumulative[b - 1];
    double inBucket = cumulative[b] - below;
    return start + (bounds[b] - start) * ((rank - below) / inBucket);
  }

  /**
   * The bucket that holds the {@code q}-quantile of the samples themselves (the one where rank
   * {@code ceil(q × count)} falls): {@link #quantile} lies within its bounds.
   */
  public int bucketOfQuantile(double q) {
    long rank = Math.max(1, (long) Math.ceil(q * count()));
    int b = 0;
    while (b < bounds.length && cumulative[b] < rank) {
      b++;
    }
    return b;
  }

  private void requireSameBounds(HistogramCounts other) {
    Objects.requireNonNull(other, "other");
    if (other.bounds != bounds && !Arrays.equals(other.bounds, bounds)) {
      throw new IllegalArgumentException("histograms with different bounds cannot be combined: "
          + Arrays.toString(bounds) + " and " + Arrays.toString(other.bounds));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistogramCounts other && Arrays.equals(bounds, other.bounds)
        && Arrays.equals(cumulative, other.cumulative)
        && Double.compare(sum, other.sum) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(bounds) + Arrays.hashCode(cumulative))
        + Double.hashCode(sum);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("HistogramCounts{");
    for (int i = 0; i < cumulative.length; i++) {
      text.append(i == 0 ? "" : ", ").append("le=").append(upperBound(i)).append(':')
          .append(cumulative[i]);
    }
    return text.append(", sum=").append(sum).append('}').toString();
  }
}
