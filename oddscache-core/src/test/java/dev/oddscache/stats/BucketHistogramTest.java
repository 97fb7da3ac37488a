package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The fixed-bucket histogram: Prometheus's {@code le} rule, cumulative reads, no lost count. */
class BucketHistogramTest {
  private static final long[] BOUNDS = {10, 20, 50};

  @Test
  void aValueOnABound_isInThatBucket_andAboveTheLastInPlusInf() {
    BucketHistogram h = new BucketHistogram(BOUNDS, 1_000, 1);
    for (long v : new long[] {0, 10, 11, 20, 50, 51, 1_000_000, -1}) {
      h.record(0, v);
    }

    HistogramCounts c = h.counts(0);
    assertThat(c.buckets()).isEqualTo(4);
    assertThat(c.upperBound(0)).isEqualTo(0.01);
    assertThat(c.upperBound(3)).isEqualTo(Double.POSITIVE_INFINITY);
    // le=0.01: 0 and 10; le=0.02: + 11, 20; le=0.05: + 50; +Inf: + 51, 1e6. -1 is ignored.
    assertThat(cumulative(c)).containsExactly(2, 4, 5, 7);
    assertThat(c.count()).isEqualTo(7);
    assertThat(c.sum()).isEqualTo((10 + 11 + 20 + 50 + 51 + 1_000_000) / 1_000.0);
    assertThat(h.count(0)).isEqualTo(7);
    assertThat(h.sum(0)).isEqualTo(1_000_142);
  }

  @Test
  void seriesAreIndependent_overTheSameBounds() {
    BucketHistogram h = new BucketHistogram(BOUNDS, 1, 3);
    h.record(0, 5);
    h.record(2, 30);
    h.record(2, 30);

    assertThat(cumulative(h.counts(0))).containsExactly(1, 1, 1, 1);
    assertThat(cumulative(h.counts(1))).containsExactly(0, 0, 0, 0);
    assertThat(cumulative(h.counts(2))).containsExactly(0, 0, 2, 2);
    assertThat(h.counts(2).sum()).isEqualTo(60.0);
  }

  @Test
  void readsFoldEveryThreadsRow() throws Exception {
    BucketHistogram h = new BucketHistogram(BOUNDS, 1, 1);
    List<Thread> threads = new ArrayList<>();
    long[] values = {5, 15, 40, 99};
    for (long value : values) {
      Thread t = new Thread(() -> h.record(0, value));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }

    assertThat(cumulative(h.counts(0))).containsExactly(1, 2, 3, 4);
    assertThat(h.counts(0).sum()).isEqualTo(159.0);
  }

  @Test
  @Timeout(120)
  void manyThreadsAtOnce_loseNoCount_andReadsNeverGoBackwards() throws Exception {
    // More threads than owned rows: the overflow threads share rows, with atomic adds.
    int threads = ThreadSlots.OWNED + 24;
    int perThread = 4_000;
    BucketHistogram h = new BucketHistogram(BucketHistogram.REQUEST_DURATION_NANOS, 1e9, 1);
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread writer = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < perThread; i++) {
            // Cycles through 100 ns to ~30 s: every bucket, +Inf included.
            h.record(0, 100L << (i % 29));
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      }, "histogram-writer-" + t);
      writers.add(writer);
      writer.start();
    }
    Thread reader = new Thread(() -> {
      try {
        start.await();
        long[] previous = cumulative(h.counts(0));
        while (writing.get()) {
          long[] now = cumulative(h.counts(0));
          for (int i = 0; i < now.length; i++) {
            if (now[i] < previous[i] || i > 0 && now[i] < now[i - 1]) {
              throw new AssertionError("bucket " + i + " went from " + previous[i] + " to "
                  + now[i] + " or below its predecessor");
            }
          }
          previous = now;
        }
      } catch (Throwable e) {
        failure.compareAndSet(null, e);
      }
    }, "histogram-reader");
    reader.start();
    for (Thread writer : writers) {
      writer.join();
    }
    writing.set(false);
    reader.join();

    assertThat(failure.get()).isNull();
    long[] expected = new long[BucketHistogram.REQUEST_DURATION_NANOS.length + 1];
    long expectedSum = 0;
    for (int i = 0; i < perThread; i++) {
      long value = 100L << (i % 29);
      expected[h.bucketOf(value)] += threads;
      expectedSum += value * threads;
    }
    for (int i = 1; i < expected.length; i++) {
      expected[i] += expected[i - 1];
    }
    HistogramCounts c = h.counts(0);
    assertThat(c.count()).isEqualTo((long) threads * perThread);
    assertThat(cumulative(c)).containsExactly(expected);
    assertThat(h.sum(0)).isEqualTo((double) expectedSum);
    assertThat(c.cumulativeCount(c.buckets() - 2)).as("some values above 10 s")
        .isLessThan(c.count());
  }

  @Test
  void requestDurationBounds_spanSubMicrosecondHitsToTenSecondLoads() {
    BucketHistogram h = new BucketHistogram(BucketHistogram.REQUEST_DURATION_NANOS, 1e9, 1);
    HistogramCounts c = h.counts(0);
    assertThat(c.upperBound(0)).isEqualTo(1e-7);
    assertThat(c.upperBound(c.buckets() - 2)).isEqualTo(10.0);
    assertThat(c.upperBounds()).contains(1e-6, 2.5e-6, 5e-6, 1e-3, 1.0, 5.0);
  }

  @Test
  void servedAgeBounds_spanAFreshValueToAnHour_withTheAlertThresholdOnABound() {
    BucketHistogram h = new BucketHistogram(BucketHistogram.SERVED_AGE_MILLIS, 1e3, 1);
    HistogramCounts c = h.counts(0);
    assertThat(c.upperBound(0)).isEqualTo(0.1);
    assertThat(c.upperBound(c.buckets() - 2)).isEqualTo(3600.0);
    // OddscacheServedAgeHigh asks whether the p99 is above 5 s.
    assertThat(c.upperBounds()).contains(5.0, 10.0, 20.0, 30.0, 60.0, 120.0);
  }

  @Test
  void badBounds_areRefusedWithTheValues() {
    assertThatThrownBy(() -> new BucketHistogram(new long[] {10, 10}, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[10, 10]");
    assertThatThrownBy(() -> new BucketHistogram(new long[] {0, 10}, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 10]");
    assertThatThrownBy(() -> new BucketHistogram(BOUNDS, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
  }

  @Test
  void view_carriesNameSortedTagsAndLiveCounts() {
    BucketHistogram h = new BucketHistogram(BOUNDS, 1, 2);
    HistogramView view = h.view("oddscache.x", "help", Map.of("b", "2", "a", "1"), 1);
    h.record(1, 15);

    assertThat(view.name()).isEqualTo("oddscache.x");
    assertThat(view.description()).isEqualTo("help");
    assertThat(view.tags().keySet()).containsExactly("a", "b");
    assertThat(view.counts().count()).isEqualTo(1);
    h.record(1, 15);
    assertThat(view.counts().count()).isEqualTo(2);
  }

  private static long[] cumulative(HistogramCounts c) {
    long[] counts = new long[c.buckets()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = c.cumulativeCount(i);
    }
    return counts;
  }
}
