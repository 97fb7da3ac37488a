package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Prometheus's histogram arithmetic on counts: quantiles, sums of instances, increases. */
class HistogramCountsTest {
  private static final double[] BOUNDS = {1, 2, 5};

  @Test
  void quantile_interpolatesWithinTheBucketLikeHistogramQuantile() {
    // 10 values <= 1, 10 in (1, 2], 20 in (2, 5], 0 above.
    HistogramCounts c = HistogramCounts.of(BOUNDS, new long[] {10, 20, 40, 40}, 100);

    assertThat(c.quantile(0.25)).isEqualTo(1.0);
    // rank 20 of 40: the top of (1, 2].
    assertThat(c.quantile(0.5)).isEqualTo(2.0);
    // rank 30: half-way through the 20 values of (2, 5].
    assertThat(c.quantile(0.75)).isEqualTo(3.5);
    // rank 4 of the first bucket, which starts at 0.
    assertThat(c.quantile(0.1)).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void quantile_inThePlusInfBucket_isTheHighestFiniteBound_andNaNWithoutValues() {
    HistogramCounts c = HistogramCounts.of(BOUNDS, new long[] {0, 0, 1, 10}, 100);
    assertThat(c.quantile(0.99)).isEqualTo(5.0);
    assertThat(HistogramCounts.of(BOUNDS, new long[4], 0).quantile(0.5)).isNaN();
    assertThat(c.quantile(Double.NaN)).isNaN();
    assertThat(c.quantile(-0.1)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(c.quantile(1.1)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void plus_addsEveryBucketAndTheSums() {
    HistogramCounts a = HistogramCounts.of(BOUNDS, new long[] {1, 2, 3, 4}, 10);
    HistogramCounts b = HistogramCounts.of(BOUNDS, new long[] {0, 5, 5, 6}, 2.5);

    HistogramCounts sum = a.plus(b);
    assertThat(sum).isEqualTo(HistogramCounts.of(BOUNDS, new long[] {1, 7, 8, 10}, 12.5));
    assertThat(sum.count()).isEqualTo(10);
  }

  @Test
  void minus_isTheIncreaseOfEveryBucket_neverNegative() {
    HistogramCounts then = HistogramCounts.of(BOUNDS, new long[] {1, 2, 3, 4}, 10);
    HistogramCounts now = HistogramCounts.of(BOUNDS, new long[] {1, 5, 9, 12}, 18);

    assertThat(now.minus(then))
        .isEqualTo(HistogramCounts.of(BOUNDS, new long[] {0, 3, 6, 8}, 8));
    // A bucket read lower than before (le=2 held 1 value, now 0): it counts as unchanged.
    HistogramCounts racing = HistogramCounts.of(BOUNDS, new long[] {1, 1, 2, 3}, 9);
    HistogramCounts delta = racing.minus(then);
    assertThat(delta.count()).isEqualTo(0);
    assertThat(delta.sum()).isZero();
  }

  @Test
  void differentBounds_cannotBeCombined() {
    HistogramCounts a = HistogramCounts.of(BOUNDS, new long[4], 0);
    HistogramCounts b = HistogramCounts.of(new double[] {1, 3}, new long[3], 0);
    assertThatThrownBy(() -> a.plus(b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[1.0, 2.0, 5.0] and [1.0, 3.0]");
    assertThatThrownBy(() -> a.minus(b)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void badInput_isRefusedWithTheValue() {
    assertThatThrownBy(() -> HistogramCounts.of(new double[] {2, 1}, new long[3], 0))
        .hasMessageContaining("strictly ascending, got [2.0, 1.0]");
    assertThatThrownBy(() -> HistogramCounts.of(BOUNDS, new long[3], 0))
        .hasMessageContaining("(4), got 3");
    assertThatThrownBy(() -> HistogramCounts.of(BOUNDS, new long[] {2, 1, 3, 3}, 0))
        .hasMessageContaining("non-decreasing, got [2, 1, 3, 3]");
    assertThatThrownBy(() -> HistogramCounts.of(new double[] {1, Double.POSITIVE_INFINITY},
        new long[3], 0)).hasMessageContaining("finite");
  }

  /**
   * The fleet's quantile from the sum of two instances' buckets lies in the bucket of the true
   * quantile of all their samples together, whatever the split between the instances.
   */
  @Test
  void twoInstancesSummed_giveTheUnionsQuantileWithinItsBucket() {
    SplittableRandom random = new SplittableRandom(14);
    for (int round = 0; round < 200; round++) {
      BucketHistogram a = new BucketHistogram(BucketHistogram.SERVED_AGE_MILLIS, 1e3, 1);
      BucketHistogram b = new BucketHistogram(BucketHistogram.SERVED_AGE_MILLIS, 1e3, 1);
      int n = 1 + random.nextInt(2_000);
      long[] all = new long[n];
      for (int i = 0; i < n; i++) {
        // Log-uniform from 1 ms to ~2 h, so that every bucket and +Inf get values.
        long value = (long) Math.exp(random.nextDouble() * Math.log(7_200_000));
        all[i] = value;
        (random.nextInt(3) == 0 ? a : b).record(0, value);
      }
      Arrays.sort(all);
      HistogramCounts fleet = a.counts(0).plus(b.counts(0));
      assertThat(fleet.count()).isEqualTo(n);
      for (double q : new double[] {0.5, 0.9, 0.99}) {
        long truth = all[(int) Math.ceil(q * n) - 1];
        int bucket = a.bucketOf(truth);
        assertThat(fleet.bucketOfQuantile(q)).isEqualTo(bucket);
        double estimate = fleet.quantile(q);
        double lower = bucket == 0 ? 0 : fleet.upperBound(bucket - 1);
        // In +Inf, histogram_quantile answers the highest finite bound.
        double upper = bucket == fleet.buckets() - 1 ? lower : fleet.upperBound(bucket);
        assertThat(estimate).as("q=%s of %s values, truth %s ms", q, n, truth)
            .isBetween(lower, upper);
      }
    }
  }
}
