package dev.oddscache.vix;

import dev.oddscache.Status;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest PANIC and latest WARNING tick times of a market or a match, from which its held
 * status at any instant follows in O(1).
 *
 * <p>Keeping only the latest time per status is enough because a tick's influence is a window
 * {@code [tickTime, tickTime + hold)}: if any PANIC tick is still within hold, the latest one is.
 * Lock-free and thread-safe: marks only grow, by compare-and-set.
 */
final class StatusMarks {
  /** Mark of a status that was never seen. */
  static final long NEVER = Long.MIN_VALUE;

  private final AtomicLong lastPanic = new AtomicLong(NEVER);
  private final AtomicLong lastWarning = new AtomicLong(NEVER);

  /**
   * Records a PANIC or WARNING tick at {@code timestampMillis}; NORMAL ticks leave no mark.
   *
   * @return the mark for {@code status} before this call, or {@link #NEVER}
   */
  long record(Status status, long timestampMillis) {
    switch (status) {
      case PANIC:
        return lastPanic.getAndAccumulate(timestampMillis, Math::max);
      case WARNING:
        return lastWarning.getAndAccumulate(timestampMillis, Math::max);
      default:
        return NEVER;
    }
  }

  /** The worst status whose latest tick is held at {@code nowMillis}. */
  Status status(long nowMillis, long holdMillis) {
    if (held(lastPanic.get(), nowMillis, holdMillis)) {
      return Status.PANIC;
    }
    return held(lastWarning.get(), nowMillis, holdMillis) ? Status.WARNING : Status.NORMAL;
  }

  /**
   * Whether a tick at {@code markMillis} still counts at {@code nowMillis}: {@code now − mark <
   * hold}. A mark later than {@code now} counts, since it is the newest thing known. Safe against
   * overflow for any pair of longs.
   */
  static boolean held(long markMillis, long nowMillis, long holdMillis) {
    if (markMillis == NEVER) {
      return false;
    }
    if (markMillis >= nowMillis) {
      return true;
    }
    long age = nowMillis - markMillis;
    // now > mark, so a negative age can only be an overflowed, astronomically large one.
    return age >= 0 && age < holdMillis;
  }
}
