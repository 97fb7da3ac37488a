package dev.oddscache.cache;

import java.util.concurrent.CompletableFuture;

/**
 * Computes a value asynchronously; for {@link OddsCache#getAsync}. The future must not complete
 * with null; a loader that throws is treated like one whose future failed.
 */
@FunctionalInterface
public interface AsyncLoader<V> {
  CompletableFuture<V> load(String key);
}
