package dev.oddscache.breaker;

import dev.oddscache.Status;
import java.util.Objects;

/**
 * The TTL floor table: the shortest TTL allowed for a request of a given status while the breaker
 * is in a given mode. Immutable and thread-safe.
 */
public final class BreakerFloors {
  private static final BreakerFloors DEFAULTS =
      builder()
          .floor(BreakerMode.NORMAL, Status.PANIC, 0)
          .floor(BreakerMode.NORMAL, Status.WARNING, 0)
          .floor(BreakerMode.NORMAL, Status.NORMAL, 0)
          .floor(BreakerMode.HIGH_VOLATILITY, Status.PANIC, 5)
          .floor(BreakerMode.HIGH_VOLATILITY, Status.WARNING, 10)
          .floor(BreakerMode.HIGH_VOLATILITY, Status.NORMAL, 0)
          .floor(BreakerMode.CIRCUIT_OPEN, Status.PANIC, 10)
          .floor(BreakerMode.CIRCUIT_OPEN, Status.WARNING, 30)
          .floor(BreakerMode.CIRCUIT_OPEN, Status.NORMAL, 60)
          .build();

  private final long[][] seconds;

  private BreakerFloors(long[][] seconds) {
    this.seconds = seconds;
  }

  /**
   * The default table, in seconds for PANIC / WARNING / NORMAL requests: 0 / 0 / 0 in NORMAL, 5 /
   * 10 / 0 in HIGH_VOLATILITY, 10 / 30 / 60 in CIRCUIT_OPEN.
   */
  public static BreakerFloors ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder starting from {@code base}. */
  public static Builder from(BreakerFloors base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** The floor in seconds for a request of {@code status} while in {@code mode}. */
  public long floorSeconds(BreakerMode mode, Status status) {
    return seconds[mode.ordinal()][status.ordinal()];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BreakerFloors other && java.util.Arrays.deepEquals(seconds, other.seconds);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.deepHashCode(seconds);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("BreakerFloors{");
    for (BreakerMode mode : BreakerMode.values()) {
      sb.append(mode).append('=').append(java.util.Arrays.toString(seconds[mode.ordinal()])).append(' ');
    }
    return sb.append('}').toString();
  }

  /** Builds a floor table; not thread-safe. */
  public static final class Builder {
    private final long[][] seconds = new long[BreakerMode.values().length][Status.values().length];

    private Builder(BreakerFloors base) {
      if (base != null) {
        for (int i = 0; i < seconds.length; i++) {
          seconds[i] = base.seconds[i].clone();
        }
      }
    }

    /**
     * Sets one cell.
     *
     * @throws IllegalArgumentException if {@code floorSeconds} is negative
     */
    public Builder floor(BreakerMode mode, Status status, long floorSeconds) {
      Objects.requireNonNull(mode, "mode");
      Objects.requireNonNull(status, "status");
      if (floorSeconds < 0) {
        throw new IllegalArgumentException(
            "floor for " + mode + "/" + status + " must be >= 0 seconds, got " + floorSeconds);
      }
      seconds[mode.ordinal()][status.ordinal()] = floorSeconds;
      return this;
    }

    public BreakerFloors build() {
      long[][] copy = new long[seconds.length][];
      for (int i = 0; i < seconds.length; i++) {
        copy[i] = seconds[i].clone();
      }
      return new BreakerFloors(copy);
    }
  }
}
