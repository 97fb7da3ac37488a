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

  /** The system clock. */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
