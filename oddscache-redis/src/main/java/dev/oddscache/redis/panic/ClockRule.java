package dev.oddscache.redis.panic;

import dev.oddscache.redis.internal.FallbackStateMachine;
import dev.oddscache.redis.panic.ClockEvent.Failed;
import dev.oddscache.redis.panic.ClockEvent.Resynced;
import dev.oddscache.redis.panic.ClockEvent.TryRedis;
import dev.oddscache.redis.panic.ClockState.Fallback;
import dev.oddscache.redis.panic.ClockState.Online;
import dev.oddscache.redis.panic.ClockState.Resyncing;

/**
 * How the panic clock moves between ONLINE, FALLBACK and RESYNCING:
 *
 * <ul>
 *   <li>any failure falls back; a failure of another call during a resynchronisation keeps the
 *       clock in fallback once that resynchronisation is over;
 *   <li>in fallback, the first call to try Redis after a signal resynchronises: the connector
 *       reported Redis healthy, or Lettuce reconnected after a call saw the connection down, or
 *       a retry interval has passed since the last failure;
 *   <li>online, a reported disconnection or FALLBACK makes the next call resynchronise first;
 *   <li>one call at a time resynchronises; its success brings the clock online, or leaves it
 *       where another call's failure meanwhile put it.
 * </ul>
 *
 * A healthy signal from before a failure says nothing about Redis after it, so every failure
 * forgets the signals. Pure; thread-safe.
 */
final class ClockRule implements FallbackStateMachine.Rule<ClockState, ClockEvent> {
  private final long retryNanos;

  ClockRule(long retryNanos) {
    this.retryNanos = retryNanos;
  }

  @Override
  public ClockState next(ClockState state, ClockEvent event, long nowNanos) {
    if (event instanceof TryRedis t) {
      return tryRedis(state, t.connected(), nowNanos);
    }
    if (event instanceof Failed f) {
      Fallback failed = new Fallback(nowNanos, false, !f.connected());
      return state instanceof Resyncing && !f.byResync() ? new Resyncing(true, failed) : failed;
    }
    if (event instanceof Resynced) {
      return state instanceof Resyncing r ? r.afterwards() : state;
    }
    if (event == ClockEvent.REDIS_HEALTHY) {
      return healthy(state);
    }
    return resyncDue(state, event == ClockEvent.DISCONNECTION_SEEN);
  }

  private ClockState tryRedis(ClockState state, boolean connected, long nowNanos) {
    if (state instanceof Online o) {
      return o.resyncDue() ? new Resyncing(false, ClockState.ONLINE) : state;
    }
    if (state instanceof Fallback f && (f.redisBack() || (f.sawDisconnected() && connected)
        || nowNanos - f.lastFailureNanos() >= retryNanos)) {
      return new Resyncing(true, ClockState.ONLINE);
    }
    return state;
  }

  private static ClockState healthy(ClockState state) {
    if (state instanceof Fallback f) {
      return new Fallback(f.lastFailureNanos(), true, f.sawDisconnected());
    }
    if (state instanceof Resyncing r) {
      return new Resyncing(r.inFallback(), healthy(r.afterwards()));
    }
    return state;
  }

  private static ClockState resyncDue(ClockState state, boolean disconnectionSeen) {
    if (state instanceof Online) {
      return ClockState.ONLINE_RESYNC_DUE;
    }
    if (state instanceof Fallback f) {
      return disconnectionSeen
          ? new Fallback(f.lastFailureNanos(), f.redisBack(), true) : state;
    }
    Resyncing r = (Resyncing) state;
    return new Resyncing(r.inFallback(), resyncDue(r.afterwards(), disconnectionSeen));
  }
}
