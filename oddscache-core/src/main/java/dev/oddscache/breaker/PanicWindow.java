package dev.oddscache.breaker;

/**
 * The rolling window behind a {@link PanicBreaker}: per epoch second, how many requests were
 * recorded and how many of them were PANIC.
 *
 * <p>This is an SPI so that a window shared by several processes (for example one kept in
 * Redis) can replace the process-local {@link LocalPanicWindow} unchanged. Seconds are epoch
 * seconds, not ticker-relative, for that reason.
 *
 * <p>The window covers only <em>complete</em> seconds: {@code counts(now)} sums the buckets of
 * the seconds {@code [now - windowSeconds, now - 1]}. The current second is excluded because it
 * is still filling up; a sample recorded during second {@code s} is therefore counted by {@code
 * counts(s + 1)} up to and including {@code counts(s + windowSeconds)}.
 *
 * <p>Implementations must be thread-safe. {@link #record} is on every request's path: it must
 * be O(1), lock-free and must not block. {@link #counts} is called at most about once a second
 * per breaker and may cost O(windowSeconds).
 */
public interface PanicWindow {

  /** The window length in seconds (≥ 1). */
  long windowSeconds();

  /**
   * Records one request whose aggregated status was PANIC ({@code panic == true}) or not,
   * observed during {@code epochSecond}. A sample older than the whole window may be dropped.
   */
  void record(boolean panic, long epochSecond);

  /**
   * The counts over the complete seconds {@code [nowEpochSecond - windowSeconds, nowEpochSecond -
   * 1]}, with {@link WindowCounts#observedSeconds()} the number of those seconds at or after the
   * first sample recorded since the last {@link #reset()} (0 if none).
   */
  WindowCounts counts(long nowEpochSecond);

  /**
   * Forgets every sample, including the first-sample second. Samples recorded concurrently with
   * a reset may survive it.
   */
  void reset();
}
