package dev.oddscache.tools.sim;

import java.util.Arrays;

/**
 * The simulator's own record of every selection's latest price, from the ticks applied so far:
 * the truth an answer is compared with. Independent of the policies, which never see it.
 *
 * <p>The price error of an answer is the largest {@code |ln(price now) − ln(price when the load
 * started)|} over its market's selections; a selection without a price at load start contributes
 * 0. Not thread-safe: it lives inside one {@link VirtualTime} loop.
 */
final class PriceBook {
  private final double[][] logPrices;
  private final long[] versions;
  private final PriceSnapshot[] lastSnapshot;

  /** @param selections the number of selections of each market, by market index */
  PriceBook(int[] selections) {
    logPrices = new double[selections.length][];
    for (int m = 0; m < selections.length; m++) {
      logPrices[m] = new double[selections[m]];
      Arrays.fill(logPrices[m], Double.NaN);
    }
    versions = new long[selections.length];
    lastSnapshot = new PriceSnapshot[selections.length];
  }

  /** Records a price; {@code odds} is finite and above 1.0 (the feed keeps no other). */
  void update(int market, int selection, double odds) {
    logPrices[market][selection] = Math.log(odds);
    versions[market]++;
  }

  /** The prices of {@code market} now; the same object while the market's prices do not move. */
  PriceSnapshot snapshot(int market) {
    PriceSnapshot s = lastSnapshot[market];
    if (s == null || s.version() != versions[market]) {
      s = new PriceSnapshot(market, versions[market], logPrices[market].clone());
      lastSnapshot[market] = s;
    }
    return s;
  }

  /** The price error of an answer computed from {@code snapshot}, now; 0 for null. */
  double error(PriceSnapshot snapshot) {
    if (snapshot == null || snapshot.version() == versions[snapshot.market()]) {
      return 0;
    }
    double[] now = logPrices[snapshot.market()];
    double[] then = snapshot.logPrices();
    double worst = 0;
    for (int i = 0; i < then.length; i++) {
      if (!Double.isNaN(then[i])) {
        worst = Math.max(worst, Math.abs(now[i] - then[i]));
      }
    }
    return worst;
  }
}
