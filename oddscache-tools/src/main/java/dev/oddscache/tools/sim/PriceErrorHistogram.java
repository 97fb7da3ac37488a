package dev.oddscache.tools.sim;

/**
 * Counts price errors (in log price) without keeping them: buckets of {@link #RESOLUTION} from 0
 * to {@link #MAX_TRACKED}, each error in its nearest bucket, anything larger in the last one.
 * Percentiles are exact to half a bucket below {@code MAX_TRACKED}; the mean and the maximum are
 * exact. Fixed memory (400 KB, allocated on the first record), deterministic. Not thread-safe.
 */
final class PriceErrorHistogram {
  static final double RESOLUTION = 1e-4;
  static final double MAX_TRACKED = 5.0;
  private static final int BUCKETS = (int) Math.round(MAX_TRACKED / RESOLUTION) + 1;

  private long[] counts;
  private long count;
  private double sum;
  private double max;

  void record(double error) {
    if (counts == null) {
      counts = new long[BUCKETS];
    }
    counts[(int) Math.min(BUCKETS - 1, Math.round(error / RESOLUTION))]++;
    count++;
    sum += error;
    max = Math.max(max, error);
  }

  long count() {
    return count;
  }

  double mean() {
    return count == 0 ? 0 : sum / count;
  }

  double max() {
    return max;
  }

  /**
   * The nearest-rank percentile: the smallest bucket value such that at least {@code p} of all
   * errors are in it or below, capped by the maximum; 0 when empty.
   *
   * @param p in (0, 1]
   */
  double percentile(double p) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p * count));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, i * RESOLUTION);
      }
    }
    return max;
  }
}
