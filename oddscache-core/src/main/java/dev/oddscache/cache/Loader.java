package dev.oddscache.cache;

/** Computes a value synchronously; for {@link OddsCache#get}. Must not return null. */
@FunctionalInterface
public interface Loader<V> {
  V load(String key) throws Exception;

  /** As {@link AsyncLoader#reload}: recomputes a value the cache holds. Default: {@link #load}. */
  default V reload(String key, V oldValue) throws Exception {
    return load(key);
  }

  /** As {@link AsyncLoader#accepts}: whether a stored value answers this request. */
  default boolean accepts(V stored) {
    return true;
  }
}
