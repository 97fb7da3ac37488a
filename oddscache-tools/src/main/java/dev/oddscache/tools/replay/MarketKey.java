package dev.oddscache.tools.replay;

import java.util.Comparator;

/** A market as the detector keys it: the event id and the lower-cased market type. */
record MarketKey(String match, String market) implements Comparable<MarketKey> {
  private static final Comparator<MarketKey> ORDER =
      Comparator.comparing(MarketKey::match).thenComparing(MarketKey::market);

  @Override
  public int compareTo(MarketKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return market + " of " + match;
  }
}
