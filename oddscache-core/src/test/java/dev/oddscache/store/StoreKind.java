package dev.oddscache.store;

import dev.oddscache.ManualTicker;

/**
 * A kind of {@link CacheStore} that the cache's behavioural suite runs against. Core provides
 * the in-memory kind; other modules add theirs through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.oddscache.store.StoreKind} file on their test classpath) and run
 * core's suite from its test-jar.
 */
public interface StoreKind {

  /** A short name for test reports. */
  String name();

  /** A fresh, empty store on {@code ticker}'s time (for stores that can use it). */
  CacheStore<String> create(ManualTicker ticker);
}
