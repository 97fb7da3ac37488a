package dev.oddscache.tools.replay;

import dev.oddscache.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns the ticks of one market, in time order, into the runs during which its held status was at
 * least {@code level}: with {@code level} PANIC these are the replay's episodes; with WARNING, the
 * chart's shaded bands.
 *
 * <p>The rule, on the feed's clock: after each accepted tick the caller passes the market's held
 * status queried at the tick's own {@code pt}. A run opens at the {@code pt} of the first tick
 * after which the held status is at least {@code level}. It stays open while later ticks arrive
 * before it decays, and it ends at {@code mark + hold}, where {@code mark} is the {@code pt} of the
 * market's latest tick classified at least {@code level}: the first instant at which the detector
 * answers a lower status, whether or not a tick arrives then. A tick at exactly {@code mark + hold}
 * is already outside (the hold is half-open, as in the detector), so a new run may start there.
 * A run still open when the input ends is closed the same way, so its end may lie after the last
 * tick of the feed. The peak z-score is the largest among all the market's ticks inside the run,
 * whatever their own classification.
 *
 * <p>Not thread-safe; one instance per market and level.
 */
final class RunTracker {
  private final Status level;
  private final long holdMillis;
  private final List<StatusRun> runs = new ArrayList<>();
  private boolean open;
  private long start;
  private long mark = Long.MIN_VALUE;
  private double peakZ;
  private boolean inPlay;

  RunTracker(Status level, long holdMillis) {
    this.level = Objects.requireNonNull(level, "level");
    if (holdMillis <= 0) {
      throw new IllegalArgumentException("holdMillis must be > 0, got " + holdMillis);
    }
    this.holdMillis = holdMillis;
  }

  /**
   * Folds in one accepted tick.
   *
   * @param ptMillis the tick's time
   * @param tickStatus the tick's own classification
   * @param heldStatus the market's held status at {@code ptMillis}, after the tick
   * @param z the tick's z-score
   * @param tickInPlay whether the market was in play at the tick
   */
  void onTick(long ptMillis, Status tickStatus, Status heldStatus, double z, boolean tickInPlay) {
    if (open && decayedBy(ptMillis)) {
      close();
    }
    if (tickStatus.compareTo(level) >= 0) {
      mark = Math.max(mark, ptMillis);
    }
    if (heldStatus.compareTo(level) < 0) {
      return;
    }
    if (!open) {
      if (mark == Long.MIN_VALUE) {
        // Held by a tick this tracker never saw: bound the run by this tick rather than never.
        mark = ptMillis;
      }
      open = true;
      start = ptMillis;
      peakZ = z;
      inPlay = tickInPlay;
    } else {
      peakZ = Math.max(peakZ, z);
    }
  }

  /** Closes the open run, if any, at its decay; call once the input has ended. */
  void finish() {
    if (open) {
      close();
    }
  }

  /** The closed runs, in order. */
  List<StatusRun> runs() {
    return List.copyOf(runs);
  }

  private boolean decayedBy(long nowMillis) {
    // now - mark >= hold, written so that it cannot overflow.
    return nowMillis > mark && nowMillis - mark >= holdMillis;
  }

  private void close() {
    long end = mark > Long.MAX_VALUE - holdMillis ? Long.MAX_VALUE : mark + holdMillis;
    runs.add(new StatusRun(start, Math.max(end, start), peakZ, inPlay));
    open = false;
  }
}
