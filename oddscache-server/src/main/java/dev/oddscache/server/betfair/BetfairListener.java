package dev.oddscache.server.betfair;

/**
 * Receives what {@link BetfairStreamParser} makes of each line, in input order, on the parsing
 * thread. An exception thrown by a listener propagates out of the parser and stops it.
 */
public interface BetfairListener {
  /** A runner change with a last-traded price in an OPEN market. */
  void onTick(BetfairTick tick);

  /** A line, market change or runner change that could not be mapped. */
  void onRejected(Rejection rejection);

  /**
   * A runner change with a last-traded price while its market is not OPEN (suspended, closed):
   * such prices are ignored, never fed to the detector. Does nothing by default.
   */
  default void onIgnored(BetfairTick tick) {}

  /**
   * A market's definition came with another status than its previous definition (a suspension, a
   * re-open, the close), before the ticks of the same market change are reported. Does nothing
   * by default.
   */
  default void onMarketStatus(MarketStatusChange change) {}
}
