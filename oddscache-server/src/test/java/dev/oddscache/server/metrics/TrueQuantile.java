package dev.oddscache.server.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The exact quantile of a sample (nearest rank), and the histogram bucket it falls in: the
 * reference that {@code histogram_quantile} over the buckets is held to.
 *
 * @param value the sample's value at rank {@code ceil(q × n)}
 * @param lower the lower bound of its bucket (0 for the first), exclusive
 * @param upper the upper bound of its bucket, inclusive; +Inf above the highest bound
 */
record TrueQuantile(double value, double lower, double upper) {

  /** The {@code q}-quantile of every value of {@code samples} together. */
  static TrueQuantile of(double q, double[] bounds, Collection<List<Double>> samples) {
    List<Double> all = new ArrayList<>();
    samples.forEach(all::addAll);
    all.sort(null);
    int rank = (int) Math.max(1, Math.ceil(q * all.size()));
    double value = all.get(rank - 1);
    double lower = 0;
    for (double bound : bounds) {
      if (value <= bound) {
        return new TrueQuantile(value, lower, bound);
      }
      lower = bound;
    }
    return new TrueQuantile(value, lower, Double.POSITIVE_INFINITY);
  }

  /** The width of its bucket: how far an estimate from the buckets may be. */
  double bucketWidth() {
    return upper - lower;
  }

  @Override
  public String toString() {
    return value + " in (" + lower + ", " + upper + "]";
  }
}
