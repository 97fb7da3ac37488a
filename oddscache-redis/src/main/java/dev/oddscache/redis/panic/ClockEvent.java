package dev.oddscache.redis.panic;

/** What moves the panic clock's {@link ClockState}; {@link ClockRule} says where to. */
sealed interface ClockEvent {
  /** The connector reported FALLBACK: Redis may have restarted empty. */
  ClockEvent RESYNC_DUE = new Signal("resync due");

  /** A call found the connection down. */
  ClockEvent DISCONNECTION_SEEN = new Signal("disconnection seen");

  /** The connector reported Redis healthy. */
  ClockEvent REDIS_HEALTHY = new Signal("redis healthy");

  /** A signal from the connector or from a call, carrying nothing else. */
  record Signal(String name) implements ClockEvent {}

  /**
   * A call would like to use Redis.
   *
   * @param connected whether the connection is up at that moment
   */
  record TryRedis(boolean connected) implements ClockEvent {}

  /**
   * A command failed.
   *
   * @param byResync whether it was the resynchronisation's, which then ends
   * @param connected whether the connection was up just after
   */
  record Failed(RuntimeException error, boolean byResync, boolean connected)
      implements ClockEvent {}

  /** The resynchronisation succeeded, having pushed and deleted that many panics. */
  record Resynced(int pushed, int deleted) implements ClockEvent {}
}
