package dev.oddscache.store.memory;

import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Expires each entry at its own deadline, fixed when it was put: the retention passed to {@code
 * put} counts from the write, and reads do not extend it. Stateless and thread-safe.
 */
final class RetentionExpiry<V> implements Expiry<String, StoreEntry<V>> {

  @Override
  public long expireAfterCreate(String key, StoreEntry<V> entry, long currentTime) {
    return remaining(entry, currentTime);
  }

  @Override
  public long expireAfterUpdate(
      String key, StoreEntry<V> entry, long currentTime, long currentDuration) {
    return remaining(entry, currentTime);
  }

  @Override
  public long expireAfterRead(
      String key, StoreEntry<V> entry, long currentTime, long currentDuration) {
    return currentDuration;
  }

  private static long remaining(StoreEntry<?> entry, long currentTime) {
    return Math.max(0, entry.expiresAtNanos() - currentTime);
  }
}
