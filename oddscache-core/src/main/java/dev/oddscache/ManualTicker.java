package dev.oddscache;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticker that only moves when told to: for tests and for the simulator's virtual time.
 *
 * <p>Both readings advance together, so a monotonic duration and a wall-clock duration always
 * agree. Thread-safe.
 */
public final class ManualTicker implements Ticker {
  private final long epochOriginMillis;
  private final AtomicLong elapsedNanos = new AtomicLong();

  /** A ticker whose wall clock starts at {@code start}. */
  public ManualTicker(Instant start) {
    this.epochOriginMillis = Objects.requireNonNull(start, "start").toEpochMilli();
  }

  /** A ticker whose wall clock starts at 2026-01-01T00:00:00Z. */
  public ManualTicker() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** Moves time forward; a negative amount is rejected because time is monotonic. */
  public ManualTicker advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("amount must not be negative, got " + amount);
    }
    elapsedNanos.addAndGet(amount.toNanos());
    return this;
  }

  public ManualTicker advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }

  public ManualTicker advanceSeconds(long seconds) {
    return advance(Duration.ofSeconds(seconds));
  }

  /** Moves time forward to {@code epochMillis}; earlier instants are rejected. */
  public ManualTicker advanceTo(long epochMillis) {
    long target = (epochMillis - epochOriginMillis) * 1_000_000L;
    long current = elapsedNanos.get();
    if (target < current) {
      throw new IllegalArgumentException("epochMillis must not go back in time, got "
          + epochMillis + " while now is " + epochMillis());
    }
    elapsedNanos.accumulateAndGet(target, Math::max);
    return this;
  }

  @Override
  public long nanoTime() {
    return elapsedNanos.get();
  }

  @Override
  public long epochMillis() {
    return epochOriginMillis + Math.floorDiv(elapsedNanos.get(), 1_000_000L);
  }

  /** The current wall-clock instant. */
  public Instant instant() {
    return Instant.ofEpochMilli(epochMillis());
  }
}
