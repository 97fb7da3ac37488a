package dev.oddscache.store;

import java.util.Objects;

/**
 * A cached value with the metadata the read path needs: when it was stored, the TTL
 * decided when it was loaded, and how long the load took. Immutable.
 *
 * @param value the opaque value, never null
 * @param storedAtMillis wall-clock epoch millis at which the load completed; shared across
 *     processes, so ages are comparable everywhere
 * @param ttlSeconds the effective TTL decided for the request that loaded it (informational: the
 *     freshness of a read is judged with the reader's own decision)
 * @param loadNanos how long the load took
 */
public record StoredValue<V>(V value, long storedAtMillis, long ttlSeconds, long loadNanos) {
  public StoredValue {
    Objects.requireNonNull(value, "value");
  }

  /** Age at {@code nowMillis}, never negative (clocks of two processes may disagree slightly). */
  public long ageMillis(long nowMillis) {
    return Math.max(0, nowMillis - storedAtMillis);
  }
}
