package dev.oddscache.store;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Where {@code OddsCache} keeps values and their tag index. The in-memory store is the
 * default; the Redis store implements the same contract and the same behavioural test suite.
 *
 * <p>Implementations are thread-safe. Operations are synchronous and bounded: a remote store
 * applies its command timeout and throws {@link StoreException} on failure, which the cache
 * treats as a miss (reads) or ignores (writes) so that a store outage never fails a request.
 *
 * <p>The tag index maps {@code (matchId, market)} to the keys stored with those tags and stays
 * consistent with evictions and expiry: a key is never missed by a tag removal while it can still
 * be read.
 *
 * @param <V> the type of the cached values
 */
public interface CacheStore<V> extends AutoCloseable {

  /** A short name for status pages and metrics: {@code memory}, {@code redis}… */
  String kind();

  /** The value stored under {@code key}, or null when absent or expired. */
  StoredValue<V> get(String key);

  /**
   * Stores {@code value} under {@code key}, tagged with {@code tags}, replacing any previous value
   * and its tags; the entry is physically kept for {@code retention} (the freshness TTL plus the
   * stale and error windows), then expires.
   */
  void put(String key, StoredValue<V> value, Tags tags, Duration retention);

  /** Removes one key; returns whether it was present. */
  boolean remove(String key);

  /**
   * Removes every key tagged with {@code matchId} and one of {@code markets}.
   *
   * @return the number of keys actually removed
   */
  long removeTagged(String matchId, Collection<String> markets);

  /** Removes every key tagged with {@code matchId}; returns the number removed. */
  long removeMatch(String matchId);

  /** Removes every key; returns the number removed (an estimate where the store cannot count). */
  long removeAll();

  /** The markets of {@code matchId} that currently have tagged keys. */
  Set<String> markets(String matchId);

  /** The approximate number of stored keys. */
  long estimatedSize();

  /** The store's health; in-memory stores are always healthy. */
  default StoreHealth health() {
    return StoreHealth.HEALTHY;
  }

  /** Releases connections or threads; the default does nothing. */
  @Override
  default void close() {}
}
