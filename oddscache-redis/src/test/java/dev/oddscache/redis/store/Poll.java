package dev.oddscache.redis.store;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for something another process does (Redis expiry, pub/sub delivery), bounded. */
final class Poll {
  private static final long STEP_NANOS = Duration.ofMillis(5).toNanos();

  private Poll() {}

  /** Whether {@code condition} became true within {@code bound}. */
  static boolean until(Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(STEP_NANOS);
    }
    return true;
  }
}
