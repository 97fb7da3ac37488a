package dev.oddscache.tools.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^s}: rank 0 is
 * the most popular. Exponent 0 is uniform. The cumulative distribution is computed once, so a
 * draw is one random double and a binary search. Immutable; thread-safe if the random source
 * passed to {@link #sample} is not shared.
 */
public final class ZipfSampler {
  private final double[] cdf;

  /**
   * @throws IllegalArgumentException if {@code n < 1} or the exponent is negative or not finite
   */
  public ZipfSampler(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (!Double.isFinite(exponent) || exponent < 0) {
      throw new IllegalArgumentException("exponent must be a finite number >= 0, got " + exponent);
    }
    cdf = new double[n];
    double sum = 0;
    for (int rank = 0; rank < n; rank++) {
      sum += Math.pow(rank + 1, -exponent);
      cdf[rank] = sum;
    }
    for (int rank = 0; rank < n; rank++) {
      cdf[rank] /= sum;
    }
    // Rounding may leave the last value a hair below 1; a draw must always find a rank.
    cdf[n - 1] = 1.0;
  }

  /** The probability of {@code rank}. */
  double probability(int rank) {
    return rank == 0 ? cdf[0] : cdf[rank] - cdf[rank - 1];
  }

  /** One draw. */
  public int sample(SplittableRandom random) {
    double u = random.nextDouble();
    int i = Arrays.binarySearch(cdf, u);
    // Rank r covers [cdf[r-1], cdf[r]): the first rank whose cumulative probability exceeds u.
    // An exact hit on cdf[i] < 1 therefore belongs to rank i + 1.
    return i >= 0 ? i + 1 : -i - 1;
  }
}
