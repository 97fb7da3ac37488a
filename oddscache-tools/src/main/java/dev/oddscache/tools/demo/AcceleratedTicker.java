package dev.oddscache.tools.demo;

import dev.oddscache.Ticker;

/**
 * The scenario's clock: wall time sped up {@code speed} times, starting now. The traffic driver
 * reads the story's minute from it (which match panics, which event fires); the server itself
 * runs on the real clock with compressed durations (see {@link DemoSettings}). Thread-safe.
 */
final class AcceleratedTicker implements Ticker {
  private final long originNanos = System.nanoTime();
  private final long startEpochMillis = System.currentTimeMillis();
  private final double speed;

  AcceleratedTicker(double speed) {
    if (!(speed >= 1 && speed <= 10_000)) {
      throw new IllegalArgumentException("speed must be in [1, 10000], got " + speed);
    }
    this.speed = speed;
  }

  @Override
  public long nanoTime() {
    return (long) ((System.nanoTime() - originNanos) * speed);
  }

  @Override
  public long epochMillis() {
    return startEpochMillis + nanoTime() / 1_000_000;
  }

  long startEpochMillis() {
    return startEpochMillis;
  }

  double speed() {
    return speed;
  }

  /** Minutes of demo time since the start. */
  double minutes() {
    return nanoTime() / 60e9;
  }
}
