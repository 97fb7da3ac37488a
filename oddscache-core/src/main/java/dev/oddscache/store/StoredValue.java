package dev.oddscache.store;

import dev.oddscache.vix.DriftStamp;
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
 * @param drift the drift epochs of the value's markets when its load started; {@link
 *     DriftStamp#NONE} when none had a live feed
 */
public record StoredValue<V>(V value, long storedAtMillis, long ttlSeconds, long loadNanos,
    DriftStamp drift) {
  public StoredValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(drift, "drift");
  }

  /** A value with no drift information. */
  public StoredValue(V value, long storedAtMillis, long ttlSeconds, long loadNanos) {
    this(value, storedAtMillis, ttlSeconds, loadNanos, DriftStamp.NONE);
  }

  /** Age at {@code nowMillis}, never negative (clocks of two processes may disagree slightly). */
  public long ageMillis(long nowMillis) {
    return Math.max(0, nowMillis - storedAtMillis);
  }
}
