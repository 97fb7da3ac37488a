package dev.oddscache.redis;

import dev.oddscache.store.StoreHealth;
import java.util.HashSet;
import java.util.Set;

/**
 * What moves the connection's health ({@link RedisHealthTracker}): a command's outcome, or the
 * connection dropping. Each event knows the state it leads to.
 */
sealed interface HealthEvent {
  /** The connection dropped. */
  HealthEvent DISCONNECTED = new Disconnected();

  /**
   * The state after this event, from {@code current}, at ticker {@code nowNanos}.
   *
   * @param quietNanos after this long without a failure, a success heals whatever failed
   */
  HealthState next(HealthState current, long nowNanos, long quietNanos);

  /** The operation that failed or succeeded, for the log; null for a disconnection. */
  default String operation() {
    return null;
  }

  /** The failure, for the log; null when there is none. */
  default Throwable error() {
    return null;
  }

  /**
   * {@code operation} succeeded. It no longer counts as failing; once no operation does, or no
   * failure came for a quiet period (an operation that failed once and is never sent again must
   * not keep the health down), the health is HEALTHY. A FALLBACK that failures while connected
   * caused becomes DEGRADED while some of them have not succeeded again.
   */
  record Succeeded(String operation) implements HealthEvent {
    @Override
    public HealthState next(HealthState current, long nowNanos, long quietNanos) {
      if (current.level() == StoreHealth.HEALTHY) {
        return current;
      }
      boolean quiet = current.lastFailureNanos() == HealthState.NEVER
          || nowNanos - current.lastFailureNanos() >= quietNanos;
      Set<String> failing = new HashSet<>(current.failing());
      failing.remove(operation);
      if (quiet || failing.isEmpty()) {
        return HealthState.HEALTHY;
      }
      return new HealthState(StoreHealth.DEGRADED, failing, current.lastFailureNanos());
    }
  }

  /**
   * A command failed, the {@code inARow}-th failure without a success between. DEGRADED while
   * connected, FALLBACK when disconnected or after {@link
   * RedisHealthTracker#FAILURES_FOR_FALLBACK} in a row. Failures only make the level worse: one
   * more failure while in FALLBACK does not bring it back to DEGRADED.
   */
  record Failed(String operation, Throwable error, boolean connected, int inARow)
      implements HealthEvent {
    @Override
    public HealthState next(HealthState current, long nowNanos, long quietNanos) {
      StoreHealth worse = !connected || inARow >= RedisHealthTracker.FAILURES_FOR_FALLBACK
          ? StoreHealth.FALLBACK : StoreHealth.DEGRADED;
      StoreHealth level = worse.ordinal() > current.level().ordinal() ? worse : current.level();
      Set<String> failing = current.failing();
      if (connected && !failing.contains(operation)) {
        failing = new HashSet<>(failing);
        failing.add(operation);
      }
      return new HealthState(level, failing, nowNanos);
    }
  }

  /**
   * The connection dropped: FALLBACK at once, before any command fails. What failed before says
   * nothing about the next connection, so the first success after it heals.
   */
  record Disconnected() implements HealthEvent {
    @Override
    public HealthState next(HealthState current, long nowNanos, long quietNanos) {
      return new HealthState(StoreHealth.FALLBACK, Set.of(), HealthState.NEVER);
    }

    @Override
    public String operation() {
      return "connection";
    }
  }
}
