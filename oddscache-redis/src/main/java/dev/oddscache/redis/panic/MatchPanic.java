package dev.oddscache.redis.panic;

/**
 * What one process knows about one match's panic on the shared clock. Immutable; the clock
 * replaces it as a whole inside {@code ConcurrentHashMap.compute}, never while waiting for Redis.
 *
 * <p>Two clocks are involved. Instants of the panic itself ({@code calmSinceMillis}) are the
 * callers' {@code nowMillis}, like every instant of the {@link dev.oddscache.panic.PanicClock}
 * contract; the local cache and the refresh throttle ({@code ...Nanos}) run on the clock's ticker.
 *
 * @param start the shared start of the current panic as Redis last reported it, or {@link
 *     #UNKNOWN}
 * @param confirmedAtNanos when Redis reported {@code start}; the start is served from memory for
 *     one second after it. {@link #NEVER} if it has not
 * @param refreshedAtNanos when this process last set the key's expiry, or {@link #NEVER}
 * @param calmSinceMillis the first calm observation since the last PANIC, or {@link #NOT_CALM};
 *     once {@code ended}, the instant the panic ended (what the end mark records)
 * @param lastPanicNanos when this process last observed PANIC for the match, or {@link #NEVER}
 * @param staleStart a start Redis may still hold although this process ended that panic: the
 *     start, {@link #ANY} if its value is not known, or {@link #NONE}
 * @param ended whether this process ended the panic and only its DEL is still owed
 */
record MatchPanic(
    long start,
    long confirmedAtNanos,
    long refreshedAtNanos,
    long calmSinceMillis,
    long lastPanicNanos,
    long staleStart,
    boolean ended) {

  static final long UNKNOWN = Long.MIN_VALUE;
  static final long NEVER = Long.MIN_VALUE;
  static final long NOT_CALM = Long.MIN_VALUE;
  static final long NONE = Long.MIN_VALUE;
  static final long ANY = Long.MIN_VALUE + 1;

  /** The state after a PANIC observation at {@code nowMillis} (ticker {@code nanos}). */
  static MatchPanic panicSeen(MatchPanic old, long nowMillis, long calmGraceMillis, long nanos) {
    if (old == null) {
      return new MatchPanic(UNKNOWN, NEVER, NEVER, NOT_CALM, nanos, NONE, false);
    }
    if (old.ended || old.graceElapsed(nowMillis, calmGraceMillis)) {
      // The previous panic ended here; this PANIC starts a new one, over any key still holding
      // the old start.
      return new MatchPanic(UNKNOWN, NEVER, NEVER, NOT_CALM, nanos, old.startToDelete(), false);
    }
    if (old.calmSinceMillis == NOT_CALM && old.unconfirmed()) {
      // Already marked as seen since the last confirmation: no allocation on the hot path.
      return old;
    }
    return new MatchPanic(old.start, old.confirmedAtNanos, old.refreshedAtNanos, NOT_CALM, nanos,
        old.staleStart, false);
  }

  /**
   * The state after Redis reported {@code start}; {@code refreshed} if the expiry was set. Only
   * for a start that is not {@link #isStale stale}: it proves the stale one gone.
   */
  static MatchPanic confirmed(MatchPanic old, long start, long nanos, boolean refreshed) {
    if (old == null) {
      return new MatchPanic(start, nanos, refreshed ? nanos : NEVER, NOT_CALM, NEVER, NONE, false);
    }
    return new MatchPanic(start, nanos, refreshed ? nanos : old.refreshedAtNanos,
        old.calmSinceMillis, old.lastPanicNanos, NONE, old.ended);
  }

  /** The state after Redis reported no live panic (nothing, or a stale start) at {@code nanos}. */
  MatchPanic absent(long nanos) {
    return new MatchPanic(UNKNOWN, nanos, NEVER, calmSinceMillis, lastPanicNanos, staleStart,
        ended);
  }

  /** Whether {@code stored} is the start of a panic this process has ended. */
  boolean isStale(long stored) {
    return staleStart == ANY || (staleStart != NONE && staleStart == stored);
  }

  /** The state after a calm observation that does not end the panic yet. */
  MatchPanic calmSeen(long nowMillis) {
    if (calmSinceMillis != NOT_CALM) {
      // The grace runs from the first calm observation; more calm does not extend it.
      return this;
    }
    return new MatchPanic(start, confirmedAtNanos, refreshedAtNanos, nowMillis, lastPanicNanos,
        staleStart, ended);
  }

  /** The state once this process has ended the panic at {@code nowMillis} and owes its DEL. */
  MatchPanic end(long nowMillis) {
    return new MatchPanic(UNKNOWN, NEVER, NEVER, nowMillis, lastPanicNanos, startToDelete(), true);
  }

  /** For an ended panic: when it ended. */
  long endedAtMillis() {
    return calmSinceMillis;
  }

  /**
   * The start of a panic this process saw (observed PANIC for) and has not seen end, whose key
   * this process refreshed less than a dead man's switch ago (so without a loss Redis would still
   * hold it): what it restores if Redis loses the key. {@link #NONE} if there is none, or only a
   * start it read.
   */
  long held(long nowMillis, long calmGraceMillis, long nanos, long deadMansSwitchNanos) {
    if (ended || start == UNKNOWN || lastPanicNanos == NEVER || refreshedAtNanos == NEVER
        || nanos - refreshedAtNanos >= deadMansSwitchNanos
        || graceElapsed(nowMillis, calmGraceMillis)) {
      return NONE;
    }
    return start;
  }

  boolean graceElapsed(long nowMillis, long calmGraceMillis) {
    return !ended && calmSinceMillis != NOT_CALM && nowMillis - calmSinceMillis >= calmGraceMillis;
  }

  /**
   * Whether what Redis last reported, {@code start} or its absence, may be served from memory at
   * ticker {@code nanos}.
   */
  boolean fresh(long nanos, long cacheNanos) {
    return confirmedAtNanos != NEVER && nanos - confirmedAtNanos < cacheNanos;
  }

  boolean refreshDue(long nanos, long refreshNanos) {
    return refreshedAtNanos == NEVER || nanos - refreshedAtNanos >= refreshNanos;
  }

  /**
   * Whether this process saw PANIC for the match after Redis last confirmed its start, so Redis
   * may not hold what this process knows: such matches are pushed when Redis comes back.
   */
  boolean unconfirmed() {
    return !ended && lastPanicNanos != NEVER
        && (confirmedAtNanos == NEVER || lastPanicNanos > confirmedAtNanos);
  }

  /** The last moment this process observed or read the match, for the memory sweep. */
  long touchedAtNanos() {
    if (lastPanicNanos == NEVER) {
      return confirmedAtNanos;
    }
    return confirmedAtNanos == NEVER ? lastPanicNanos : Math.max(lastPanicNanos, confirmedAtNanos);
  }

  private long startToDelete() {
    if (start != UNKNOWN) {
      return start;
    }
    return staleStart != NONE ? staleStart : ANY;
  }
}
