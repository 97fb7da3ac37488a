package dev.oddscache.vix;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The markets of one match, its status marks (the worst of its markets'), the time of its
 * latest accepted tick, which decides when it is idle, and the last time it was asked for, which
 * decides which matches a full detector drops first. Thread-safe.
 */
final class MatchState {
  final StatusMarks marks = new StatusMarks();
  private final ConcurrentHashMap<String, MarketState> markets = new ConcurrentHashMap<>();
  private final AtomicLong lastTickMillis;
  /** The latest instant a status of the match was asked for; plain max, races only lose ties. */
  private volatile long askedMillis;
  /**
   * Changes, to a value no match of its detector ever had, whenever a status mark of the match
   * may have changed: what a reused decision checks to know its statuses still hold.
   */
  private volatile long version;

  /**
   * @param firstTickMillis the time of the tick that creates the match, so a match is never idle
   *     before its first tick has been applied
   */
  MatchState(long firstTickMillis, long version) {
    this.lastTickMillis = new AtomicLong(firstTickMillis);
    this.askedMillis = firstTickMillis;
    this.version = version;
  }

  long version() {
    return version;
  }

  /** Sets the version after a mark was recorded, so that a reader seeing it sees the mark. */
  void version(long version) {
    this.version = version;
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

  /** Records that a request asked for the match's status at {@code nowMillis}. */
  void asked(long nowMillis) {
    // Read before writing: requests for one match arrive thousands of times a second and
    // mostly carry the same millisecond.
    if (nowMillis > askedMillis) {
      askedMillis = nowMillis;
    }
  }

  /** The latest of its last accepted tick and the last time it was asked for: its recency. */
  long lastAskedMillis() {
    return Math.max(askedMillis, lastTickMillis.get());
  }
}
