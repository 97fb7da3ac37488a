package dev.oddscache.breaker;

import dev.oddscache.internal.Enums;

/**
 * Modes of the panic circuit breaker, from calm to the strongest backend protection.
 */
public enum BreakerMode {
  NORMAL(0),
  HIGH_VOLATILITY(1),
  CIRCUIT_OPEN(2);

  private final int level;

  BreakerMode(int level) {
    this.level = level;
  }

  /** 0, 1 or 2: the value of the {@code oddscache_breaker_mode} gauge. */
  public int level() {
    return level;
  }

  /**
   * Parses a mode case-insensitively ({@code circuit_open}, {@code CIRCUIT-OPEN}…).
   *
   * @throws IllegalArgumentException naming the field and value
   */
  public static BreakerMode parse(String field, String value) {
    return Enums.parse(BreakerMode.class, field, value);
  }
}
