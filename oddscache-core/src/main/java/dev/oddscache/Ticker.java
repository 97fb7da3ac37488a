package dev.oddscache;

/**
 * The source of time for every oddscache component, so that tests and the simulator can run the
 * real code on virtual time.
 *
 * <p>{@link #nanoTime()} is monotonic and used for ages and durations; {@link #epochMillis()} is
 * wall-clock time, used where instants are shared between processes (panic starts) or compared
 * with kickoff times. Implementations must be thread-safe.
 */
public interface Ticker {

  /** Monotonic nanoseconds, only meaningful as differences between two readings. */
  long nanoTime();

  /** Wall-clock milliseconds since the epoch. */
  long epochMillis();

  /**
   * {@link #nanoTime()} read from a clock that may lag it by about a millisecond, for deadlines
   * and ages counted in milliseconds or seconds on the hot path, where a real clock read would
   * cost more than the rest of a cache hit. The same scale as {@code nanoTime()}. By default the
   * precise reading.
   */
  default long coarseNanoTime() {
    return nanoTime();
  }

  /**
   * {@link #epochMillis()} from a clock that may lag it by about a millisecond; see {@link
   * #coarseNanoTime()}. By default the precise reading.
   */
  default long coarseEpochMillis() {
    return epochMillis();
  }

  /**
   * The system clock. Its coarse readings come from one daemon thread ({@code
   * oddscache-coarse-clock}) that reads both clocks every millisecond, started at the first
   * coarse reading of the process.
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
