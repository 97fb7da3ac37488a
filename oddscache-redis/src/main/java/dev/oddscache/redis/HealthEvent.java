package dev.oddscache.redis;

import dev.oddscache.store.StoreHealth;

/**
 * What moves the connection's health ({@link RedisHealthTracker}): a command's outcome, or the
 * connection dropping. Each event knows the health it leads to.
 */
sealed interface HealthEvent {
  /** A command succeeded. */
  HealthEvent SUCCEEDED = new Succeeded();

  /** The connection dropped. */
  HealthEvent DISCONNECTED = new Disconnected();

  /** The health after this event, from {@code current}. */
  StoreHealth next(StoreHealth current);

  /** The operation that failed, for the log; null for events that are not a failure. */
  default String operation() {
    return null;
  }

  /** The failure, for the log; null when there is none. */
  default Throwable error() {
    return null;
  }

  /** A command succeeded: healthy, whatever the health was. */
  record Succeeded() implements HealthEvent {
    @Override
    public StoreHealth next(StoreHealth current) {
      return StoreHealth.HEALTHY;
    }
  }

  /**
   * A command failed, the {@code inARow}-th failure without a success between. DEGRADED while
   * connected, FALLBACK when disconnected or after {@link
   * RedisHealthTracker#FAILURES_FOR_FALLBACK} in a row. Failures only make the health worse:
   * one more failure while in FALLBACK does not bring it back to DEGRADED.
   */
  record Failed(String operation, Throwable error, boolean connected, int inARow)
      implements HealthEvent {
    @Override
    public StoreHealth next(StoreHealth current) {
      StoreHealth worse = !connected || inARow >= RedisHealthTracker.FAILURES_FOR_FALLBACK
          ? StoreHealth.FALLBACK : StoreHealth.DEGRADED;
      return worse.ordinal() > current.ordinal() ? worse : current;
    }
  }

  /** The connection dropped: FALLBACK at once, before any command fails. */
  record Disconnected() implements HealthEvent {
    @Override
    public StoreHealth next(StoreHealth current) {
      return StoreHealth.FALLBACK;
    }

    @Override
    public String operation() {
      return "connection";
    }
  }
}
