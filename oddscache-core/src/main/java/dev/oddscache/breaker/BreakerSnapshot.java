package dev.oddscache.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * An immutable view of a {@link PanicBreaker}. Window figures are those of the latest
 * evaluation, so they lag the live window by at most one second (or more when no request and no
 * scheduler has triggered an evaluation since).
 *
 * @param mode the current mode
 * @param panicRatio panic / samples at the latest evaluation, in [0, 1]; 0 for an empty window
 * @param samples requests in the window at the latest evaluation
 * @param observedSeconds seconds of the window covered since the first sample
 * @param windowSeconds the window length in seconds
 * @param windowFull whether {@code observedSeconds >= windowSeconds}
 * @param transitions transitions since the breaker was created (not cleared by reset)
 * @param timeInMode time since the breaker entered its current mode, by its ticker
 * @param lastEvaluatedEpochSecond the second of the latest evaluation, or {@link #NEVER}
 */
public record BreakerSnapshot(
    BreakerMode mode,
    double panicRatio,
    long samples,
    long observedSeconds,
    long windowSeconds,
    boolean windowFull,
    long transitions,
    Duration timeInMode,
    long lastEvaluatedEpochSecond) {

  /** {@link #lastEvaluatedEpochSecond()} of a breaker that has never evaluated. */
  public static final long NEVER = Long.MIN_VALUE;

  public BreakerSnapshot {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(timeInMode, "timeInMode");
  }

  /** observedSeconds / windowSeconds, in [0, 1]. */
  public double windowFill() {
    return Math.min(1.0, (double) observedSeconds / windowSeconds);
  }
}
