package dev.oddscache.server.sim;

/**
 * What the simulated backend returns: the key and the virtual instant its computation finished.
 *
 * @param loadedAtNanos virtual nanos since the scenario start at which the call completed
 */
record SimValue(String key, long loadedAtNanos) {}
