package dev.oddscache.cache;

import dev.oddscache.decision.Decision;

/** What price drift said about the stored value a request found. */
public enum DriftVerdict {
  /**
   * Drift did not apply: freshness {@link Freshness#TTL}, no stored value, or a value without
   * drift information (its markets had no live feed when it was loaded); the TTL rule served.
   */
  NOT_APPLIED,
  /** The prices behind the value have not moved since its load: fresh up to the base TTL. */
  UNMOVED,
  /** The prices moved and the backend had headroom: the value was reloaded. */
  DRIFTED,
  /** The prices moved, but the backend was under pressure: the protection floor held it. */
  HELD;

  /**
   * The age in seconds below which a value judged so is fresh for {@code decision}: the
   * decision's TTL when drift did not apply, {@code max(base TTL, floor)} for prices that have not
   * moved, the floor for a drifted value the floor held, 0 for one to reload.
   */
  public long freshSeconds(Decision decision) {
    return switch (this) {
      case NOT_APPLIED -> decision.ttlSeconds();
      case UNMOVED -> Math.max(decision.baseTtlSeconds(), decision.floorSeconds());
      case HELD -> decision.floorSeconds();
      case DRIFTED -> 0;
    };
  }
}
