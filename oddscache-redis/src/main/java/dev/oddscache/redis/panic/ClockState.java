package dev.oddscache.redis.panic;

/**
 * Where the panic clock stands with Redis: ONLINE, FALLBACK or RESYNCING. Immutable; the clock's
 * state machine replaces it as a whole ({@link ClockRule}, {@link ClockFallback}).
 */
sealed interface ClockState {
  /** Online, nothing owed. */
  ClockState ONLINE = new Online(false);

  /** Online, but the next call resynchronises first. */
  ClockState ONLINE_RESYNC_DUE = new Online(true);

  /** Whether calls answer from this process's knowledge instead of asking Redis. */
  boolean inFallback();

  /**
   * Calls ask Redis.
   *
   * @param resyncDue the connector reported a disconnection or FALLBACK that no call of this
   *     clock saw fail: Redis may have restarted empty behind it, so the next call pushes what
   *     this process knows before answering
   */
  record Online(boolean resyncDue) implements ClockState {
    @Override
    public boolean inFallback() {
      return false;
    }
  }

  /**
   * Redis failed: calls answer from memory, and one tries Redis again when one of the three
   * signals below says it may answer. A resynchronisation is always due.
   *
   * @param lastFailureNanos ticker time of the last failure; a try is due {@link
   *     RedisPanicClock#RETRY_INTERVAL} after it
   * @param redisBack the connector reported Redis healthy since that failure
   * @param sawDisconnected a call saw the connection down since that failure, so Lettuce
   *     reconnecting is a reason to try
   */
  record Fallback(long lastFailureNanos, boolean redisBack, boolean sawDisconnected)
      implements ClockState {
    @Override
    public boolean inFallback() {
      return true;
    }
  }

  /**
   * One call is resynchronising with Redis before it answers; the others go on as they would
   * have: to Redis if the clock was online, else to memory.
   *
   * @param inFallback whether the others answer from memory
   * @param afterwards where a successful resynchronisation leads: {@link #ONLINE}; {@link
   *     #ONLINE_RESYNC_DUE} if a signal arrived meanwhile, since the round trip may have missed
   *     what it announced; a {@link Fallback} if another call failed meanwhile
   */
  record Resyncing(boolean inFallback, ClockState afterwards) implements ClockState {}
}
