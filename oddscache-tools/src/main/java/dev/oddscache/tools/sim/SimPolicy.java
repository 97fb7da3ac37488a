package dev.oddscache.tools.sim;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.event.BreakerListener;
import dev.oddscache.vix.OddsTick;
import java.util.concurrent.CompletableFuture;

/**
 * A caching policy under simulation: the real {@code OddsCache} or one of the baselines it is
 * compared with. Each run creates its own instance on its own {@link VirtualTime} and {@link
 * SimBackend}; the instance is used from that loop's thread only.
 */
interface SimPolicy extends AutoCloseable {

  /** The name used in scenarios and in the output. */
  String name();

  /**
   * Answers one request. The future completes on virtual time, exceptionally when the request
   * fails (a backend failure with nothing to fall back on, an overload).
   */
  CompletableFuture<Served> get(String key, MatchContext context);

  /**
   * Applies an invalidation event for {@code matchId}.
   *
   * @param eventType the canonical name of an invalidation event type, as
   *     {@link SimEvents#parseType} gives it
   * @param market the market the event names, or null
   */
  void invalidate(String matchId, String eventType, String market);

  /** Applies a tick of the feed to the policy's own volatility detector. */
  void tick(OddsTick tick);

  /** Applies a market's suspension or re-open to the policy's own detector. */
  void marketStatusChanged(String matchId, String market, long timestampMillis);

  /**
   * The status of a request at {@code nowMillis}: its explicit one, else what the policy's
   * detector says of its markets.
   */
  Status statusOf(MatchContext context, long nowMillis);

  /** Subscribes to breaker transitions; policies without a breaker never call it. */
  default void addBreakerListener(BreakerListener listener) {}

  /** Releases the policy's resources; the default does nothing. */
  @Override
  default void close() {}
}
