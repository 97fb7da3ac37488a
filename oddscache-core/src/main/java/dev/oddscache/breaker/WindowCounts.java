package dev.oddscache.breaker;

/**
 * What a {@link PanicWindow} holds over the complete seconds of its window at one instant.
 *
 * @param panic samples whose status was PANIC
 * @param total all samples, panic or not
 * @param observedSeconds how many seconds of the window lie at or after the first sample the
 *     window has ever recorded (since its last reset); equals the window length once the window
 *     has been observed for a whole window
 */
public record WindowCounts(long panic, long total, long observedSeconds) {

  /** A window that has recorded nothing. */
  public static final WindowCounts EMPTY = new WindowCounts(0, 0, 0);

  /** @throws IllegalArgumentException unless 0 ≤ panic ≤ total and observedSeconds ≥ 0 */
  public WindowCounts {
    if (panic < 0 || total < panic || observedSeconds < 0) {
      throw new IllegalArgumentException("counts must satisfy 0 <= panic <= total and "
          + "observedSeconds >= 0, got panic=" + panic + ", total=" + total
          + ", observedSeconds=" + observedSeconds);
    }
  }

  /** panic / total, or 0 when the window is empty. */
  public double panicRatio() {
    return total == 0 ? 0.0 : (double) panic / total;
  }

  /** Whether a window of {@code windowSeconds} has been observed for its whole length. */
  public boolean isFull(long windowSeconds) {
    return observedSeconds >= windowSeconds;
  }
}
