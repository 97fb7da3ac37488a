package dev.oddscache.server.betfair;

import dev.oddscache.vix.TickResult;

/**
 * Told of each tick the {@link dev.oddscache.vix.VixDetector} accepted during a {@link
 * BetfairIngest}, right after it was accepted, so that the caller can query statuses at the
 * tick's own time. Called on the ingesting thread, in input order.
 */
@FunctionalInterface
public interface AcceptedTickListener {
  /** Listens to nothing. */
  AcceptedTickListener NONE = (tick, result) -> {};

  /**
   * @param result the detector's answer, always {@link TickResult.Outcome#ACCEPTED}
   */
  void onAccepted(BetfairTick tick, TickResult result);
}
