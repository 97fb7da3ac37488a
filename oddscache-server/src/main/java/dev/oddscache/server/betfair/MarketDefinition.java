package dev.oddscache.server.betfair;

/**
 * The parts of a Betfair {@code marketDefinition} that the mapping needs. A definition replaces
 * the previous one of its market in full, as Betfair sends complete definitions.
 *
 * @param eventId the match id of the market's ticks
 * @param marketType the market id of its ticks, lower-cased, such as {@code win}
 * @param status such as {@code OPEN}, {@code SUSPENDED} or {@code CLOSED}
 * @param inPlay whether the market is in play
 * @param kickoffMillis {@code marketTime} in epoch milliseconds, or {@code null} when absent
 */
record MarketDefinition(
    String eventId, String marketType, String status, boolean inPlay, Long kickoffMillis) {

  static final String OPEN = "OPEN";
  static final String CLOSED = "CLOSED";

  boolean isOpen() {
    return OPEN.equals(status);
  }

  boolean isClosed() {
    return CLOSED.equals(status);
  }
}
