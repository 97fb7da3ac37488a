package dev.oddscache.store.memory;

import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;

/**
 * What the Caffeine cache holds for one key: the value, the tags it was stored with (so that
 * removing or evicting the key knows which index sets to clean), its expiry deadline and its
 * weight.
 *
 * <p>The deadline is absolute, on the store's {@link dev.oddscache.Ticker#nanoTime()} scale,
 * rather than a duration: Caffeine recomputes expiry on every {@code compute}, including one that
 * returns the same entry unchanged, and a duration would then restart the retention.
 *
 * <p>The weight is computed before the entry enters the cache, so that a failing weigher fails
 * the {@code put} before anything (cache or index) has changed.
 *
 * @param value the stored value
 * @param tags the entry's tags, never null
 * @param expiresAtNanos when the entry expires, in ticker nanoseconds; compare by subtraction,
 *     as with {@link System#nanoTime()}
 * @param weight the entry's weight for a weight-bounded store, 1 otherwise
 */
record StoreEntry<V>(StoredValue<V> value, Tags tags, long expiresAtNanos, int weight) {}
