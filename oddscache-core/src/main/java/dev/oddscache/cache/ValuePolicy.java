package dev.oddscache.cache;

/**
 * Reads a value's own {@link ValueRules}; the HTTP proxy's responses carry theirs in their
 * headers. Called on every read of a stored value and once per load, so an implementation should
 * return rules computed when the value was made. Must be thread-safe and must not throw.
 *
 * @param <V> the type of the cached values
 */
@FunctionalInterface
public interface ValuePolicy<V> {
  ValueRules rules(V value);

  /** Every value follows the cache's config: {@link ValueRules#DEFAULT}. */
  static <V> ValuePolicy<V> none() {
    return v -> ValueRules.DEFAULT;
  }
}
