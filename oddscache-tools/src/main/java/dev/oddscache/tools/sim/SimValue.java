package dev.oddscache.tools.sim;

/**
 * What the simulated backend returns: the key, the virtual instant its computation finished, how
 * long the call took, and the prices it was computed from.
 *
 * @param loadedAtNanos virtual nanos since the scenario start at which the call completed
 * @param loadNanos how long the call took, from its arrival at the backend (any wait for a slot
 *     under {@code maxConcurrent} included) to its completion: the load duration the cache sees
 * @param prices the prices of the key's market when the call arrived, or null without a feed
 */
record SimValue(String key, long loadedAtNanos, long loadNanos, PriceSnapshot prices) {

  /** A value computed from no prices: a synthetic scenario's. */
  SimValue(String key, long loadedAtNanos, long loadNanos) {
    this(key, loadedAtNanos, loadNanos, null);
  }

  /** {@link #loadNanos()} in whole milliseconds, rounded down like every age of the simulator. */
  long loadMillis() {
    return loadNanos / 1_000_000L;
  }
}
