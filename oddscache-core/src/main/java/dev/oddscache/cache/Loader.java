package dev.oddscache.cache;

/** Computes a value synchronously; for {@link OddsCache#get}. Must not return null. */
@FunctionalInterface
public interface Loader<V> {
  V load(String key) throws Exception;
}
