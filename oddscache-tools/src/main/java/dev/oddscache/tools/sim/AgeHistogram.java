package dev.oddscache.tools.sim;

/**
 * Counts ages without keeping them: millisecond buckets up to 10 minutes, second buckets up to a
 * day, anything older in the last bucket. Percentiles are exact to the millisecond below 10
 * minutes and to the second above; the maximum is always exact. Not thread-safe.
 */
final class AgeHistogram {
  private static final int FINE_MILLIS = 600_000;
  private static final int COARSE_SECONDS = 86_400;

  private long[] fine;
  private long[] coarse;
  private long count;
  private long maxMillis;

  void record(long ageMillis) {
    long age = Math.max(0, ageMillis);
    if (fine == null) {
      fine = new long[FINE_MILLIS];
      coarse = new long[COARSE_SECONDS];
    }
    if (age < FINE_MILLIS) {
      fine[(int) age]++;
    } else {
      coarse[(int) Math.min(age / 1000, COARSE_SECONDS - 1)]++;
    }
    count++;
    maxMillis = Math.max(maxMillis, age);
  }

  long count() {
    return count;
  }

  long maxMillis() {
    return maxMillis;
  }

  /**
   * How many recorded ages exceed {@code millis}: exact when {@code millis} is below 10 minutes;
   * above, an age counts when its whole second bucket lies above {@code millis}.
   */
  long countAbove(long millis) {
    if (count == 0 || maxMillis <= millis) {
      return 0;
    }
    long above = 0;
    for (int i = (int) Math.max(0, Math.min(FINE_MILLIS, millis + 1)); i < FINE_MILLIS; i++) {
      above += fine[i];
    }
    for (int i = 0; i < COARSE_SECONDS; i++) {
      if (i * 1000L > millis) {
        above += coarse[i];
      }
    }
    return above;
  }

  /**
   * The nearest-rank percentile: the smallest recorded age such that at least {@code p} of all
   * ages are at or below it; 0 when empty.
   *
   * @param p in (0, 1]
   */
  long percentileMillis(double p) {
    if (count == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p * count));
    long seen = 0;
    for (int i = 0; i < FINE_MILLIS; i++) {
      seen += fine[i];
      if (seen >= rank) {
        return i;
      }
    }
    for (int i = 0; i < COARSE_SECONDS; i++) {
      seen += coarse[i];
      if (seen >= rank) {
        return Math.min(maxMillis, i * 1000L);
      }
    }
    return maxMillis;
  }
}
