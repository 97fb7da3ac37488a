package dev.oddscache.cache;

import java.util.concurrent.CompletableFuture;

/**
 * Computes a value asynchronously; for {@link OddsCache#getAsync}. The future must not complete
 * with null; a loader that throws is treated like one whose future failed.
 */
@FunctionalInterface
public interface AsyncLoader<V> {
  CompletableFuture<V> load(String key);

  /**
   * Recomputes a value the cache already holds, like Caffeine's {@code CacheLoader.reload(key,
   * oldValue)}: an HTTP loader revalidates {@code oldValue} with a conditional request and, on a
   * {@code 304}, returns it refreshed without a body. Called instead of {@link #load} whenever a
   * stored value exists for the key. Default: {@link #load}.
   */
  default CompletableFuture<V> reload(String key, V oldValue) {
    return load(key);
  }

  /**
   * Whether a stored value answers this request at all: an HTTP loader selects by the request
   * headers the stored response's {@code Vary} names. A value refused here is a miss: the key is
   * loaded (without {@code reload}) and the new value replaces it. Default: every value.
   */
  default boolean accepts(V stored) {
    return true;
  }
}
