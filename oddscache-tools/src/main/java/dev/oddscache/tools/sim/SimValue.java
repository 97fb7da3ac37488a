package dev.oddscache.tools.sim;

/**
 * What the simulated backend returns: the key, the virtual instant its computation finished, and
 * how long the call took.
 *
 * @param loadedAtNanos virtual nanos since the scenario start at which the call completed
 * @param loadNanos how long the call took, from its arrival at the backend (any wait for a slot
 *     under {@code maxConcurrent} included) to its completion: the load duration the cache sees
 */
record SimValue(String key, long loadedAtNanos, long loadNanos) {

  /** {@link #loadNanos()} in whole milliseconds, rounded down like every age of the simulator. */
  long loadMillis() {
    return loadNanos / 1_000_000L;
  }
}
