package dev.oddscache.redis.feed;

import dev.oddscache.vix.OddsTick;
import java.util.Objects;

/** What travels on the fleet's feed: an odds tick, or a market's suspension or re-open. */
public sealed interface FeedEvent {

  /** The match the event belongs to. */
  String matchId();

  /** An odds tick, already validated by the instance that took it. */
  record Tick(OddsTick tick) implements FeedEvent {
    public Tick {
      Objects.requireNonNull(tick, "tick");
    }

    @Override
    public String matchId() {
      return tick.matchId();
    }
  }

  /**
   * A market was suspended or re-opened at {@code timestampMillis} (feed clock): its drift
   * epoch advances, as {@link dev.oddscache.vix.VixDetector#marketStatusChanged} does.
   */
  record MarketStatus(String matchId, String market, long timestampMillis) implements FeedEvent {
    public MarketStatus {
      Objects.requireNonNull(matchId, "matchId");
      Objects.requireNonNull(market, "market");
    }
  }
}
