package dev.oddscache.store;

/** How a store is doing, as reported by readiness checks and {@code /v1/status}. */
public enum StoreHealth {
  /** Every operation answers within its timeout. */
  HEALTHY,
  /** Some operations fail or time out; results may come from fallbacks. */
  DEGRADED,
  /** The store is unreachable; every operation answers from its fallback. */
  FALLBACK
}
