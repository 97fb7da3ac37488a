package dev.oddscache.server.betfair;

import java.util.Objects;

/**
 * A market's definition status changed from the one its previous definition had, such as {@code
 * OPEN} to {@code SUSPENDED} when a race is about to start, or back when betting resumes. A
 * market's first definition is no change.
 *
 * @param matchId the definition's {@code eventId}, the match of the market's ticks
 * @param market the definition's {@code marketType} lower-cased, the market of its ticks
 * @param marketId the Betfair market id, such as {@code 1.197931750}
 * @param status the new status, upper case, such as {@code SUSPENDED}
 * @param ptMillis the message's {@code pt}, epoch milliseconds of the feed's clock
 * @param index 0-based line number of the message in the input
 */
public record MarketStatusChange(
    String matchId, String market, String marketId, String status, long ptMillis, long index) {

  public MarketStatusChange {
    Objects.requireNonNull(matchId, "matchId");
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(marketId, "marketId");
    Objects.requireNonNull(status, "status");
  }
}
