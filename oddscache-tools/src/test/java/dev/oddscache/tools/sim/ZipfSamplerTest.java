package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfSamplerTest {

  @Test
  void probabilities_followTheLaw_andSumToOne() {
    ZipfSampler zipf = new ZipfSampler(100, 1.0);

    double sum = 0;
    for (int r = 0; r < 100; r++) {
      sum += zipf.probability(r);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    assertThat(zipf.probability(0) / zipf.probability(1)).isCloseTo(2.0, within(1e-9));
    assertThat(zipf.probability(0) / zipf.probability(9)).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void sample_frequenciesMatchTheProbabilities() {
    ZipfSampler zipf = new ZipfSampler(50, 1.2);
    SplittableRandom random = new SplittableRandom(1);
    int draws = 400_000;
    int[] counts = new int[50];
    for (int i = 0; i < draws; i++) {
      counts[zipf.sample(random)]++;
    }

    for (int r : new int[] {0, 1, 5, 20, 49}) {
      double expected = zipf.probability(r);
      double sigma = Math.sqrt(expected * (1 - expected) / draws);
      assertThat((double) counts[r] / draws).as("rank %d", r)
          .isCloseTo(expected, within(5 * sigma));
    }
  }

  @Test
  void exponentZero_isUniform() {
    ZipfSampler zipf = new ZipfSampler(4, 0.0);
    SplittableRandom random = new SplittableRandom(3);
    int[] counts = new int[4];
    for (int i = 0; i < 100_000; i++) {
      counts[zipf.sample(random)]++;
    }

    for (int r = 0; r < 4; r++) {
      assertThat(zipf.probability(r)).isCloseTo(0.25, within(1e-12));
      assertThat(counts[r]).isBetween(24_000, 26_000);
    }
  }

  @Test
  void sample_isDeterministicForASeed_andInRange() {
    ZipfSampler zipf = new ZipfSampler(7, 1.0);
    SplittableRandom a = new SplittableRandom(42);
    SplittableRandom b = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      int r = zipf.sample(a);
      assertThat(r).isBetween(0, 6).isEqualTo(zipf.sample(b));
    }
  }

  @Test
  void singleRank_alwaysDrawsIt() {
    ZipfSampler zipf = new ZipfSampler(1, 3.0);
    SplittableRandom random = new SplittableRandom(9);

    for (int i = 0; i < 1000; i++) {
      assertThat(zipf.sample(random)).isZero();
    }
  }

  @Test
  void badArguments_areRejectedWithTheValue() {
    assertThatThrownBy(() -> new ZipfSampler(0, 1.0)).hasMessageContaining("n must be >= 1, got 0");
    assertThatThrownBy(() -> new ZipfSampler(3, -0.5))
        .hasMessageContaining("exponent must be a finite number >= 0, got -0.5");
  }
}
