package dev.oddscache.redis.panic;

import dev.oddscache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker one minute further on at every reading: for the clock it holds, every start in memory
 * is stale and every refresh due, so every call goes to Redis. Lets the contract run against the
 * Redis path itself rather than the one-second memory.
 */
final class LeapingTicker implements Ticker {
  private static final long LEAP = Duration.ofMinutes(1).toNanos();
  private final AtomicLong nanos = new AtomicLong();

  @Override
  public long nanoTime() {
    return nanos.addAndGet(LEAP);
  }

  @Override
  public long epochMillis() {
    return 1_767_225_600_000L + nanos.get() / 1_000_000L;
  }
}
