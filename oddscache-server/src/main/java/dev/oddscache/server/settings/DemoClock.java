package dev.oddscache.server.settings;

/**
 * The clock the server's decisions are told in. A normal server decides on real time. The demo
 * runs its story faster than real time by dividing every policy duration measured in minutes
 * (breaker window, quota tier bounds, kickoff zones) by its speed; this clock multiplies the
 * durations the server shows back by the same speed, so that what a user reads (a panic's
 * minutes, the breaker window) is in the story's time and agrees with the quota table as
 * documented: tier 2 for MEDIUM stakes next to 30 minutes, never next to 30 seconds.
 */
public final class DemoClock {
  private static final DemoClock REAL = new DemoClock(1, 0);

  private final double speed;
  private final long startEpochMillis;

  private DemoClock(double speed, long startEpochMillis) {
    this.speed = speed;
    this.startEpochMillis = startEpochMillis;
  }

  /** Real time: durations shown as they are. */
  public static DemoClock real() {
    return REAL;
  }

  /**
   * Story time that started at {@code startEpochMillis} (real epoch millis) and runs {@code
   * speed} times faster than real time.
   *
   * @throws IllegalArgumentException if {@code speed} is not in [1, 10000]
   */
  public static DemoClock accelerated(double speed, long startEpochMillis) {
    if (!(speed >= 1 && speed <= 10_000)) {
      throw new IllegalArgumentException("speed must be in [1, 10000], got " + speed);
    }
    return new DemoClock(speed, startEpochMillis);
  }

  public boolean isAccelerated() {
    return speed != 1;
  }

  public double speed() {
    return speed;
  }

  /** A real duration in this clock's milliseconds. */
  public long millis(long realMillis) {
    return Math.round(realMillis * speed);
  }

  /**
   * A real duration in this clock's minutes, in whole tenths rounded down: a panic of 29.96
   * minutes has not reached the 30-minute bound of its next tier, so it shows 29.9, not 30.0.
   */
  public double minutes(long realMillis) {
    return Math.max(0, millis(realMillis)) / 6_000 / 10.0;
  }

  public long startEpochMillis() {
    return startEpochMillis;
  }
}
