package dev.oddscache.vix;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The markets of one match, its status marks (the worst of its markets') and the time of its
 * latest accepted tick, which decides when it is idle. Thread-safe.
 */
final class MatchState {
  final StatusMarks marks = new StatusMarks();
  private final ConcurrentHashMap<String, MarketState> markets = new ConcurrentHashMap<>();
  private final AtomicLong lastTickMillis;

  /**
   * @param firstTickMillis the time of the tick that creates the match, so a match is never idle
   *     before its first tick has been applied
   */
  MatchState(long firstTickMillis) {
    this.lastTickMillis = new AtomicLong(firstTickMillis);
  }

  /**
   * The state of the normalised market id {@code market}, created on first use with its drift
   * threshold and the time of the tick that creates it.
   */
  MarketState market(String market, DriftConfig drift, long timestampMillis) {
    MarketState state = markets.get(market);
    return state != null ? state : markets.computeIfAbsent(market,
        m -> new MarketState(drift.thresholdOf(m), timestampMillis));
  }

  /** The state of the normalised market id {@code market}, or null if it has had no tick. */
  MarketState existingMarket(String market) {
    return markets.get(market);
  }

  /** A live view of the markets, keyed by normalised id. */
  Map<String, MarketState> markets() {
    return markets;
  }

  void touch(long timestampMillis) {
    lastTickMillis.accumulateAndGet(timestampMillis, Math::max);
  }

  long lastTickMillis() {
    return lastTickMillis.get();
  }
}
