package dev.oddscache.redis.panic;

import dev.oddscache.Ticker;
import dev.oddscache.redis.internal.FallbackStateMachine;
import dev.oddscache.redis.internal.Transition;
import dev.oddscache.redis.panic.ClockEvent.Failed;
import dev.oddscache.redis.panic.ClockEvent.Resynced;
import dev.oddscache.redis.panic.ClockEvent.TryRedis;
import dev.oddscache.redis.panic.ClockState.Resyncing;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panic clock's fallback: its state machine ({@link ClockRule}), the count of fallbacks,
 * and the log lines, WARN on entry and WARN on return, never per call. Thread-safe.
 */
final class ClockFallback {
  /** The clock's logger: these lines are the clock's. */
  private static final Logger log = LoggerFactory.getLogger(RedisPanicClock.class);

  /** What a call may do with Redis. */
  enum Access {
    /** Use Redis. */
    REDIS,
    /** Answer from memory. */
    MEMORY,
    /** Resynchronise first, then report with {@link #resynced} or {@link #failed}. */
    RESYNC
  }

  private final FallbackStateMachine<ClockState, ClockEvent> machine;
  private final LongAdder fallbacks = new LongAdder();

  /**
   * @param retryInterval in fallback, the longest wait between two tries when nothing signals
   *     Redis's return
   */
  ClockFallback(Ticker ticker, Duration retryInterval) {
    machine = new FallbackStateMachine<>(log, "panic clock", ClockState.ONLINE,
        new ClockRule(retryInterval.toNanos()), ticker);
    machine.onTransition(this::logChange);
  }

  boolean inFallback() {
    return machine.state().inFallback();
  }

  /** How many times the clock has entered fallback. */
  long fallbacks() {
    return fallbacks.sum();
  }

  /**
   * Whether a call may use Redis; at most one caller at a time is told to resynchronise first.
   *
   * @param connected whether the connection is up now
   */
  Access tryRedis(boolean connected) {
    ClockState state = machine.state();
    if (state.equals(ClockState.ONLINE)) {
      return Access.REDIS;
    }
    Transition<ClockState, ClockEvent> t = machine.fire(new TryRedis(connected));
    if (t.changed() && t.to() instanceof Resyncing) {
      return Access.RESYNC;
    }
    return t.to().inFallback() ? Access.MEMORY : Access.REDIS;
  }

  /**
   * The resynchronisation that {@link #tryRedis} asked for succeeded.
   *
   * @return whether the clock is online now: not if another call failed meanwhile
   */
  boolean resynced(int pushed, int deleted) {
    return !machine.fire(new Resynced(pushed, deleted)).to().inFallback();
  }

  /**
   * A command failed.
   *
   * @param byResync whether it was the resynchronisation's
   * @param connected whether the connection is up now
   */
  void failed(RuntimeException e, boolean byResync, boolean connected) {
    Transition<ClockState, ClockEvent> t = machine.fire(new Failed(e, byResync, connected));
    if (t.from().inFallback()) {
      log.atDebug().addKeyValue("error", e.toString()).log("panic clock still in fallback");
    }
  }

  /** The connector reported FALLBACK. */
  void resyncDue() {
    machine.fire(ClockEvent.RESYNC_DUE);
  }

  /** A call found the connection down. */
  void disconnectionSeen() {
    machine.fire(ClockEvent.DISCONNECTION_SEEN);
  }

  /** The connector reported Redis healthy. */
  void redisHealthy() {
    machine.fire(ClockEvent.REDIS_HEALTHY);
  }

  private void logChange(Transition<ClockState, ClockEvent> change) {
    boolean was = change.from().inFallback();
    boolean is = change.to().inFallback();
    if (!was && is) {
      fallbacks.increment();
      Failed failed = (Failed) change.event();
      log.atWarn().addKeyValue("error", failed.error().toString())
          .addKeyValue("fallbacks", fallbacks.sum())
          .log("panic clock falling back to this process's knowledge");
    } else if (was && !is) {
      Resynced resynced = (Resynced) change.event();
      // WARN, like the line it closes, so that the default level shows both.
      log.atWarn().addKeyValue("pushed", resynced.pushed())
          .addKeyValue("deleted", resynced.deleted()).addKeyValue("fallbacks", fallbacks.sum())
          .log("panic clock back on redis, resynchronised");
    }
  }

  @Override
  public String toString() {
    return machine.state().toString();
  }
}
