package dev.oddscache.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.zone.Zone;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The log-linear latency histogram: percentiles within 1/32 of the truth, exact extremes. */
class LatencyHistogramTest {
  private static final double MAX_RELATIVE_ERROR = 1.0 / 32;

  @Test
  void buckets_coverEveryValueWithWidthAtMostASixteenthOfTheLowerBound() {
    SplittableRandom random = new SplittableRandom(42);
    long[] values = new long[20_000];
    for (int i = 0; i < 1_000; i++) {
      values[i] = i;
    }
    for (int i = 1_000; i < values.length; i++) {
      values[i] = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
    }
    values[values.length - 1] = Long.MAX_VALUE;

    for (long v : values) {
      int index = LatencyHistogram.indexOf(v);
      assertThat(index).isBetween(0, LatencyHistogram.BUCKETS - 1);
      long lower = LatencyHistogram.lowerBound(index);
      long width = LatencyHistogram.width(index);
      assertThat(v).as("value %d in bucket %d", v, index).isGreaterThanOrEqualTo(lower);
      assertThat(v - lower).as("value %d in bucket %d", v, index).isLessThan(width);
      assertThat(width == 1 || width <= lower / 16).as("bucket %d", index).isTrue();
      assertThat(Math.abs(LatencyHistogram.midpoint(index) - v))
          .isLessThanOrEqualTo((long) Math.ceil(v * MAX_RELATIVE_ERROR));
    }
    assertThat(LatencyHistogram.indexOf(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
  }

  @Test
  void bucketsAreContiguous() {
    for (int i = 1; i < LatencyHistogram.BUCKETS; i++) {
      assertThat(LatencyHistogram.lowerBound(i))
          .isEqualTo(LatencyHistogram.lowerBound(i - 1) + LatencyHistogram.width(i - 1));
    }
  }

  @Test
  void percentiles_ofALogUniformSample_areWithinTheDocumentedError() {
    SplittableRandom random = new SplittableRandom(7);
    LatencyHistogram histogram = new LatencyHistogram();
    long[] samples = new long[50_000];
    for (int i = 0; i < samples.length; i++) {
      // 10 µs to 10 s, log-uniform: the spread a cache sees between hits and cold loads.
      samples[i] = (long) Math.pow(10, 4 + random.nextDouble() * 6);
      histogram.record(samples[i]);
    }
    Arrays.sort(samples);
    double[] quantiles = {0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1.0};

    long[] estimates = histogram.valuesAt(quantiles);

    for (int q = 0; q < quantiles.length; q++) {
      long exact = samples[(int) Math.max(0, Math.ceil(quantiles[q] * samples.length) - 1)];
      assertThat((double) estimates[q])
          .as("q=%s", quantiles[q])
          .isBetween(exact * (1 - MAX_RELATIVE_ERROR), exact * (1 + MAX_RELATIVE_ERROR));
    }
  }

  @Test
  void minMaxCountAndSum_areExact() {
    LatencyHistogram histogram = new LatencyHistogram();
    histogram.record(1_234_567);
    histogram.record(17);
    histogram.record(98_765_432_101L);

    assertThat(histogram.count()).isEqualTo(3);
    assertThat(histogram.sumNanos()).isEqualTo(1_234_567 + 17 + 98_765_432_101L);
    assertThat(histogram.minNanos()).isEqualTo(17);
    assertThat(histogram.maxNanos()).isEqualTo(98_765_432_101L);
    assertThat(histogram.valuesAt(0.0, 1.0)).containsExactly(17, 98_765_432_101L);
  }

  @Test
  void emptyHistogram_readsZero() {
    LatencyHistogram histogram = new LatencyHistogram();

    assertThat(histogram.minNanos()).isZero();
    assertThat(histogram.maxNanos()).isZero();
    assertThat(histogram.valuesAt(0.5, 0.99)).containsExactly(0, 0);
  }

  @Test
  void snapshot_reportsPercentilesInMillisecondsAndExactMinMax() {
    CacheStatsRecorder recorder = new CacheStatsRecorder(new SimpleMeterRegistry(), 1.0);
    // 1 ms to 100 ms in steps of 1 ms: p50 = 50 ms, p99 = 99 ms by nearest rank.
    for (int ms = 1; ms <= 100; ms++) {
      recorder.recordRequest(Strategy.COMPUTE, Decisions.normal(Zone.ACTIVE), StaleReason.NONE, 0);
      recorder.recordLatency(ms * 1_000_000L);
    }

    CacheStats s = recorder.snapshot();
    assertThat(s.minLatencyMillis()).isEqualTo(1.0);
    assertThat(s.maxLatencyMillis()).isEqualTo(100.0);
    assertThat(s.avgLatencyMillis()).isEqualTo(50.5);
    assertThat(s.p50LatencyMillis()).isBetween(50 * (1 - MAX_RELATIVE_ERROR),
        50 * (1 + MAX_RELATIVE_ERROR));
    assertThat(s.p99LatencyMillis()).isBetween(99 * (1 - MAX_RELATIVE_ERROR),
        99 * (1 + MAX_RELATIVE_ERROR));
  }
}
