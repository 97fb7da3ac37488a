package dev.oddscache.server.fleet;

import dev.oddscache.redis.feed.FeedEvent;
import dev.oddscache.redis.feed.RedisFeed;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.TickResult;
import dev.oddscache.vix.VixDetector;
import java.util.List;
import java.util.Objects;

/**
 * Where the ingestion endpoints put the ticks and market status changes they take: straight
 * into this instance's detector, or, with a {@link RedisFeed}, onto the fleet's stream, from
 * which every instance (this one included) applies them. Invalid ticks never reach the stream:
 * {@link #rejection} rejects them here, with the detector's own reason and count. Thread-safe.
 */
public final class TickIntake {
  private final VixDetector vix;
  private final RedisFeed feed;

  private TickIntake(VixDetector vix, RedisFeed feed) {
    this.vix = Objects.requireNonNull(vix, "vix");
    this.feed = feed;
  }

  /** Every event applied to {@code vix} at once, in order. */
  public static TickIntake local(VixDetector vix) {
    return new TickIntake(vix, null);
  }

  /** Every event through {@code feed}, which applies it to the same detector. */
  public static TickIntake shared(VixDetector vix, RedisFeed feed) {
    return new TickIntake(vix, Objects.requireNonNull(feed, "feed"));
  }

  /** Whether events go through the fleet's stream. */
  public boolean shared() {
    return feed != null;
  }

  public VixDetector detector() {
    return vix;
  }

  /**
   * The detector's rejection of an invalid tick (counted as the detector counts it), or null for
   * a valid one, which {@link #take} will carry.
   */
  public TickResult rejection(OddsTick tick) {
    return vix.invalid(tick) == null ? null : vix.accept(tick);
  }

  /**
   * Applies or publishes {@code events} in order.
   *
   * @return per event: the detector's result for a tick; null for a market status change, and
   *     for a tick that went onto the stream and was not back within the feed's wait (it is
   *     accepted and applied when it comes)
   */
  public TickResult[] take(List<FeedEvent> events) {
    if (feed != null) {
      return feed.publish(events);
    }
    TickResult[] results = new TickResult[events.size()];
    for (int i = 0; i < results.length; i++) {
      FeedEvent event = events.get(i);
      if (event instanceof FeedEvent.Tick t) {
        results[i] = vix.accept(t.tick());
      } else {
        FeedEvent.MarketStatus s = (FeedEvent.MarketStatus) event;
        vix.marketStatusChanged(s.matchId(), s.market(), s.timestampMillis());
      }
    }
    return results;
  }
}
