package dev.oddscache.cache;

/**
 * What a value says about its own reuse, for values that carry such rules (an HTTP response's
 * {@code Cache-Control}, {@code Expires}, {@code stale-while-revalidate}): the cache applies them
 * on top of its decision. Immutable. {@link #DEFAULT} leaves everything to the cache's config.
 *
 * @param baseTtlSeconds the value's own freshness in whole seconds, used as the decision's base
 *     TTL in place of the zone's (volatility, breaker floors and the panic quota still apply);
 *     -1 when the value states none
 * @param staleWindowMillis how long past its TTL it may be served while one refresh runs; -1 for
 *     the config's stale window
 * @param staleIfErrorMillis how old it may be and still be served when a load fails; -1 for the
 *     config's {@code staleIfError}
 * @param revalidate never serve it past its TTL (no stale-while-revalidate, stale-if-error or
 *     stale-on-overload): an HTTP {@code no-cache} or {@code must-revalidate} response. Only a
 *     TTL raised by the breaker or quota floor keeps it longer
 * @param storable whether it may be stored at all; a value that may not is handed to the
 *     requests waiting for its load, and what was stored under its key stays (OddsCache does not
 *     remove it: an older answer is not invalidated by a newer one's no-store)
 */
public record ValueRules(long baseTtlSeconds, long staleWindowMillis, long staleIfErrorMillis,
    boolean revalidate, boolean storable) {
  public static final ValueRules DEFAULT = new ValueRules(-1, -1, -1, false, true);

  public ValueRules {
    if (baseTtlSeconds < -1 || staleWindowMillis < -1 || staleIfErrorMillis < -1) {
      throw new IllegalArgumentException("ValueRules bounds must be >= 0 or -1 (unset), got ttl="
          + baseTtlSeconds + "s staleWindow=" + staleWindowMillis + "ms staleIfError="
          + staleIfErrorMillis + "ms");
    }
  }

  /** Whether the value states its own freshness. */
  public boolean explicitTtl() {
    return baseTtlSeconds >= 0;
  }

  /** The stale-while-revalidate window for a TTL of {@code ttlMillis} under {@code config}. */
  long staleWindowMillis(OddsCacheConfig config, long ttlMillis) {
    if (revalidate) {
      return 0;
    }
    return staleWindowMillis >= 0 ? staleWindowMillis : config.staleWindowMillis(ttlMillis);
  }

  /** The stale-if-error bound under {@code config}; -1: never. */
  long staleIfErrorMillis(OddsCacheConfig config) {
    if (revalidate) {
      return -1;
    }
    return staleIfErrorMillis >= 0 ? staleIfErrorMillis : config.staleIfError().toMillis();
  }
}
