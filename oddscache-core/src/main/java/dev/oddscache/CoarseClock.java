package dev.oddscache;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The system clocks read once a millisecond by one daemon thread, for {@link
 * Ticker#coarseNanoTime()} and {@link Ticker#coarseEpochMillis()} of {@link Ticker#system()}.
 * A clock read costs 20 to 60 ns on a virtual machine, more than a whole cache hit is worth; a
 * volatile read of the last reading costs about one, and the readings only move once a
 * millisecond, so readers do not bounce its cache line.
 *
 * <p>Readings never go back. A reading is never ahead of the real clock and lags it by the
 * update interval plus however long the thread waited to run. When the thread has not run for
 * longer than {@link #MAX_LAG_NANOS} (a long GC pause, a starved machine), a reader finds the
 * reading too old and reads the real clock itself, so an age is never under-read by much. The
 * check costs one precise read per {@link #CHECK_EVERY} coarse readings, on average.
 */
final class CoarseClock {
  static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  /** Beyond this lag a reading is refreshed by its reader. */
  static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  static final int CHECK_EVERY = 256;

  private static final AtomicReference<Reading> LATEST = new AtomicReference<>(Reading.now());

  static {
    Thread updater = new Thread(CoarseClock::run, "oddscache-coarse-clock");
    updater.setDaemon(true);
    updater.start();
  }

  private CoarseClock() {}

  static long nanoTime() {
    return current().nanos;
  }

  static long epochMillis() {
    return current().millis;
  }

  private static Reading current() {
    Reading r = LATEST.get();
    // A random one in CHECK_EVERY readings checks the lag: no per-thread state to look up.
    if ((ThreadLocalRandom.current().nextInt() & (CHECK_EVERY - 1)) == 0
        && System.nanoTime() - r.nanos > MAX_LAG_NANOS) {
      r = publish(Reading.now());
    }
    return r;
  }

  private static void run() {
    while (true) {
      LockSupport.parkNanos(INTERVAL_NANOS);
      publish(Reading.now());
    }
  }

  /** Publishes {@code r} unless a later reading was: the readings never go back. */
  private static Reading publish(Reading r) {
    return LATEST.accumulateAndGet(r, (a, b) -> b.nanos - a.nanos > 0 ? b : a);
  }

  /** Both clocks read together, published as one object so a reader never mixes two readings. */
  private record Reading(long nanos, long millis) {
    static Reading now() {
      return new Reading(System.nanoTime(), System.currentTimeMillis());
    }
  }
}
