package dev.oddscache.panic;

import dev.oddscache.Status;
import java.util.Map;

/**
 * Per match, the instant its current panic began, shared by every process that uses the same clock.
 * The panic quota measures panic duration from this instant.
 *
 * <p>Semantics every implementation follows:
 *
 * <ul>
 *   <li>The first {@link Status#PANIC} observed for a match records {@code nowMillis} as its start;
 *       when several callers race, the first writer wins and all of them get its start.
 *   <li>A start not refreshed for {@link PanicClockConfig#deadMansSwitch()} (default 24 h) expires,
 *       so a panic abandoned by crashed processes does not last forever. Later PANIC observations
 *       refresh it at most once per {@link PanicClockConfig#refreshInterval()} (default 1 min).
 *   <li>A non-PANIC status ends the panic, after {@link PanicClockConfig#calmGrace()} of
 *       uninterrupted calm (default 0: at once).
 * </ul>
 *
 * <p>Implementations are thread-safe, never throw to the caller and never block longer than
 * their store's command timeout: when their store fails they fall back to process-local state
 * and report it through {@link #inFallback()}.
 */
public interface PanicClock {

  /** Returned when a match is not panicking. */
  long NO_PANIC = Long.MIN_VALUE;

  /**
   * Records that a request for {@code matchId} saw {@code status} at {@code nowMillis}.
   *
   * @return the epoch millis at which the match's current panic began if {@code status} is
   *     PANIC, otherwise {@link #NO_PANIC}
   */
  long observe(String matchId, Status status, long nowMillis);

  /**
   * The start of the match's current panic at {@code nowMillis}, or {@link #NO_PANIC}, without
   * recording anything.
   */
  long panicStart(String matchId, long nowMillis);

  /** The matches this clock knows to be panicking at {@code nowMillis}, with their starts. */
  Map<String, Long> activePanics(long nowMillis);

  /**
   * Matches this clock forgot from process memory because it held {@link
   * PanicClockConfig#maxMatches()}; 0 for a clock without such a bound.
   */
  default long matchEvictions() {
    return 0;
  }

  /** Whether this clock currently answers from process-local fallback state. */
  default boolean inFallback() {
    return false;
  }

  /**
   * How many times a shared clock found the start of a panic this process saw, and had not seen
   * end, missing from its store (evicted, flushed, lost in a restart) and restored it. Always 0
   * for a process-local clock, which cannot lose what it holds.
   */
  default long lostStarts() {
    return 0;
  }
}
