package dev.oddscache.cache;

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
  HELD
}
