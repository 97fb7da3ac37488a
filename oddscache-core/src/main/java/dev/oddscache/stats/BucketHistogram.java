package dev.oddscache.stats;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Fixed-bucket histograms of non-negative whole values (nanoseconds, milliseconds), one or more
 * series over the same bounds, in {@link StripedCounters} rows: recording is a binary search over
 * the bounds and two plain writes to the calling thread's own row (its bucket and the sum), with
 * no compare-and-set, no lock and no allocation. A read folds every row into {@link
 * HistogramCounts}, in seconds.
 *
 * <p>There is no count cell: the count is the sum of the buckets, so a read's {@code _count}
 * always equals its {@code +Inf} bucket, as Prometheus requires, and a request writes one cell
 * less. A read racing with writers may see a value in its bucket and not yet in the sum, or
 * the reverse; counts never go backwards.
 *
 * <p>Bucket {@code i} counts the values {@code <= bounds[i]}, the last one everything above the
 * highest bound ({@code +Inf}).
 */
final class BucketHistogram {
  /**
   * Request durations, in nanoseconds: from a fresh in-memory hit (hundreds of nanoseconds) to a
   * backend load (up to the 10-second class of timeouts), in 1-2.5-5 steps per decade, 26
   * bounds. A quantile is exact to its bucket: within a factor of 2.5 at worst.
   */
  static final long[] REQUEST_DURATION_NANOS = {
      100, 250, 500,
      1_000, 2_500, 5_000,
      10_000, 25_000, 50_000,
      100_000, 250_000, 500_000,
      1_000_000, 2_500_000, 5_000_000,
      10_000_000, 25_000_000, 50_000_000,
      100_000_000, 250_000_000, 500_000_000,
      1_000_000_000, 2_500_000_000L, 5_000_000_000L,
      10_000_000_000L};

  /**
   * Served ages, in milliseconds: a freshly loaded value (0) to an hour. The bounds from 5 s to
   * 2 min are the policy's own TTLs and stale windows (PANIC 5 s, WARNING 10 s, TTL plus stale
   * window 10 s and 20 s, the open circuit's 30 and 60 s floors, NORMAL's 60 s TTL and 120 s
   * window), so that the question "older than the policy would choose?" (the served-age alert's
   * 5 s) falls on a bound and is answered exactly. 15 bounds.
   */
  static final long[] SERVED_AGE_MILLIS = {
      100, 250, 500,
      1_000, 2_500, 5_000,
      10_000, 20_000, 30_000,
      60_000, 120_000, 300_000,
      600_000, 1_800_000, 3_600_000};

  private final long[] bounds;
  private final double[] boundsSeconds;
  private final double unitsPerSecond;
  /** Cells per series: a bucket per bound, the +Inf bucket, the sum. */
  private final int stride;
  private final StripedCounters counters;

  /**
   * @param bounds strictly ascending, positive, in the values' unit
   * @param unitsPerSecond how many of that unit make a second (1e9 for nanoseconds)
   * @param series how many series (e.g. one per strategy)
   */
  BucketHistogram(long[] bounds, double unitsPerSecond, int series) {
    for (int i = 0; i < bounds.length; i++) {
      if (bounds[i] <= 0 || i > 0 && bounds[i] <= bounds[i - 1]) {
        throw new IllegalArgumentException("bounds must be positive and strictly ascending, got "
            + Arrays.toString(bounds));
      }
    }
    if (series < 1) {
      throw new IllegalArgumentException("series must be >= 1, got " + series);
    }
    this.bounds = bounds.clone();
    this.unitsPerSecond = unitsPerSecond;
    this.boundsSeconds = new double[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      boundsSeconds[i] = bounds[i] / unitsPerSecond;
    }
    this.stride = bounds.length + 2;
    this.counters = new StripedCounters(stride * series);
  }

  /** Records one value in one series; a negative value is ignored. */
  void record(int series, long value) {
    record(ThreadSlots.current(), series, value);
  }

  /** {@link #record(int, long)} by the thread holding {@code slot} ({@link ThreadSlots}). */
  void record(int slot, int series, long value) {
    if (value < 0) {
      return;
    }
    int base = series * stride;
    StripedCounters.Row row = counters.row(slot);
    row.increment(base + bucketOf(value));
    row.add(base + stride - 1, value);
  }

  /** The index of the bucket that {@code value} falls in; {@code bounds.length} is +Inf. */
  int bucketOf(long value) {
    int found = Arrays.binarySearch(bounds, value);
    // Not found: the insertion point, the first bound above the value; past the end is +Inf.
    return found >= 0 ? found : -found - 1;
  }

  /** One series' counts now, folded over every thread's row. */
  HistogramCounts counts(int series) {
    int base = series * stride;
    long[] cumulative = new long[bounds.length + 1];
    long running = 0;
    for (int i = 0; i < cumulative.length; i++) {
      running += counters.sum(base + i);
      cumulative[i] = running;
    }
    return HistogramCounts.owning(boundsSeconds, cumulative,
        counters.sum(base + stride - 1) / unitsPerSecond);
  }

  /** How many values one series holds, for a function timer's count. */
  long count(int series) {
    int base = series * stride;
    long count = 0;
    for (int i = 0; i <= bounds.length; i++) {
      count += counters.sum(base + i);
    }
    return count;
  }

  /** The sum of one series' values, in their unit, for a function timer's total. */
  double sum(int series) {
    return counters.sum(series * stride + stride - 1);
  }

  /** One series as a public view, under a meter name and its own tags. */
  HistogramView view(String name, String description, Map<String, String> tags, int series) {
    return new View(this, name, description, Collections.unmodifiableMap(new TreeMap<>(tags)),
        series);
  }

  private record View(BucketHistogram histogram, String name, String description,
      Map<String, String> tags, int series) implements HistogramView {
    View {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
    }

    @Override
    public HistogramCounts counts() {
      return histogram.counts(series);
    }

    @Override
    public String toString() {
      return "HistogramView{" + name + tags + '}';
    }
  }
}
