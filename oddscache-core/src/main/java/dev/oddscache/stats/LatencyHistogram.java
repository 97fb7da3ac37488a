package dev.oddscache.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed log-linear histogram of non-negative durations in nanoseconds, for the latency
 * percentiles of {@link CacheStats}. Thread-safe and lock-free; recording never allocates.
 *
 * <p>The buckets, count and sum are {@link StripedCounters}, so that request threads recording at
 * once do not bounce the same cache lines between cores (every fresh hit records one sample).
 *
 * <p>Values below 16 ns have a bucket each. Above, every power of two {@code [2^e, 2^(e+1))} is
 * split into 16 equal buckets, so a bucket is never wider than 1/16 of its lower bound. A
 * percentile is reported as the midpoint of the bucket holding the sample of that rank (nearest
 * rank), clamped to the exact minimum and maximum; it is therefore within <b>1/32 (3.125 %)</b> of
 * the true sample. The first and last ranks report the exact minimum and maximum. 960 buckets
 * cover the whole {@code long} range: 7.5 KiB per histogram and recording thread.
 *
 * <p>Count, sum, minimum and maximum are exact. A reader running concurrently with writers may
 * see a sample in the count but not yet in its bucket, or the reverse; percentiles are computed
 * from one copy of the buckets, so they are consistent with each other.
 */
final class LatencyHistogram {
  /** Buckets per power of two, as a power of two itself: 2^4 = 16. */
  private static final int SUB_BITS = 4;
  private static final int SUB_COUNT = 1 << SUB_BITS;
  /** 16 exact buckets, then 16 per power of two from 2^4 to 2^62. */
  static final int BUCKETS = SUB_COUNT + (63 - SUB_BITS) * SUB_COUNT;

  private static final int COUNT = BUCKETS;
  private static final int SUM = BUCKETS + 1;

  /** Buckets 0 to BUCKETS - 1, then the count and the sum. */
  private final StripedCounters counters = new StripedCounters(BUCKETS + 2);
  private final AtomicLong minNanos = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxNanos = new AtomicLong(Long.MIN_VALUE);

  /** Records one duration; a negative one is ignored, since a monotonic clock cannot produce it. */
  void record(long nanos) {
    if (nanos < 0) {
      return;
    }
    StripedCounters.Row row = counters.row();
    row.increment(indexOf(nanos));
    row.increment(COUNT);
    row.add(SUM, nanos);
    // Check before the compare-and-set so that the common case, no new extreme, only reads.
    long min = minNanos.get();
    while (nanos < min && !minNanos.compareAndSet(min, nanos)) {
      min = minNanos.get();
    }
    long max = maxNanos.get();
    while (nanos > max && !maxNanos.compareAndSet(max, nanos)) {
      max = maxNanos.get();
    }
  }

  long count() {
    return counters.sum(COUNT);
  }

  long sumNanos() {
    return counters.sum(SUM);
  }

  /** The smallest duration recorded, or 0 when none was. */
  long minNanos() {
    long min = minNanos.get();
    return min == Long.MAX_VALUE ? 0 : min;
  }

  /** The largest duration recorded, or 0 when none was. */
  long maxNanos() {
    long max = maxNanos.get();
    return max == Long.MIN_VALUE ? 0 : max;
  }

  /**
   * The durations at the given quantiles, each in [0, 1], from one copy of the buckets; all 0
   * when nothing was recorded.
   */
  long[] valuesAt(double... quantiles) {
    long[] copy = new long[BUCKETS];
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      copy[i] = counters.sum(i);
      total += copy[i];
    }
    long[] values = new long[quantiles.length];
    if (total == 0) {
      return values;
    }
    long min = minNanos();
    long max = maxNanos();
    for (int q = 0; q < quantiles.length; q++) {
      long rank = Math.max(1, (long) Math.ceil(quantiles[q] * total));
      // The first and last ranks are the extremes, which are known exactly.
      if (rank == 1 || rank >= total) {
        values[q] = rank == 1 ? min : max;
        continue;
      }
      long seen = 0;
      int i = 0;
      while (i < BUCKETS - 1 && seen + copy[i] < rank) {
        seen += copy[i];
        i++;
      }
      values[q] = Math.min(max, Math.max(min, midpoint(i)));
    }
    return values;
  }

  /** The bucket of a non-negative value. */
  static int indexOf(long value) {
    if (value < SUB_COUNT) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int shift = exponent - SUB_BITS;
    int sub = (int) (value >>> shift) - SUB_COUNT;
    return SUB_COUNT + shift * SUB_COUNT + sub;
  }

  /** The smallest value of a bucket. */
  static long lowerBound(int index) {
    if (index < SUB_COUNT) {
      return index;
    }
    int shift = (index - SUB_COUNT) / SUB_COUNT;
    int sub = (index - SUB_COUNT) % SUB_COUNT;
    return (long) (SUB_COUNT + sub) << shift;
  }

  /** How many values a bucket holds. */
  static long width(int index) {
    return index < SUB_COUNT ? 1 : 1L << ((index - SUB_COUNT) / SUB_COUNT);
  }

  /** The middle value of a bucket, rounded down, without overflowing at the top bucket. */
  static long midpoint(int index) {
    return lowerBound(index) + (width(index) - 1) / 2;
  }
}
