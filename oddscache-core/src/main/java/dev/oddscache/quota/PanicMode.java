package dev.oddscache.quota;

import dev.oddscache.internal.Enums;

/**
 * The quota's answer to a panic of a given duration, one constant per tier: from no caching at all
 * while a panic is fresh to ordinary short caching once it is the new normal.
 */
public enum PanicMode {
  /** No panic: the base TTL applies. */
  NORMAL(0),
  /** Fresh panic: nothing is cached. */
  PANIC_FULL(1),
  /** Persistent panic: answers are cached for a few seconds. */
  PANIC_PARTIAL(2),
  /** Extended panic: the backend is protected at the cost of freshness; raises an alert. */
  DEGRADED(3),
  /** Chronic panic, treated as the new normal; raises an alert. */
  NEW_NORMAL(4);

  private final int tier;

  PanicMode(int tier) {
    this.tier = tier;
  }

  /** 0 for {@link #NORMAL}, 1 to 4 for the panic tiers. */
  public int tier() {
    return tier;
  }

  /**
   * The mode of {@code tier}.
   *
   * @throws IllegalArgumentException if {@code tier} is not in [0, 4]
   */
  public static PanicMode ofTier(int tier) {
    for (PanicMode mode : values()) {
      if (mode.tier == tier) {
        return mode;
      }
    }
    throw new IllegalArgumentException("tier must be in [0, 4], got " + tier);
  }

  /**
   * Parses a mode case-insensitively ({@code panic_full}, {@code new-normal}…).
   *
   * @throws IllegalArgumentException naming the field and value
   */
  public static PanicMode parse(String field, String value) {
    return Enums.parse(PanicMode.class, field, value);
  }
}
