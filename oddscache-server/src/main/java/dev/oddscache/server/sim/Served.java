package dev.oddscache.server.sim;

import dev.oddscache.cache.Strategy;

/**
 * How a policy answered one request.
 *
 * @param strategy how the value was obtained (SPEC §9)
 * @param ageMillis age of the value served, at the moment it was served
 * @param tier the panic tier the policy decided for the request (SPEC §6), or {@link #NO_TIER}
 *     for policies without tiers
 * @param staleOnError whether a failed load was answered with an older value (counted as stale
 *     and as an error)
 */
record Served(Strategy strategy, long ageMillis, int tier, boolean staleOnError) {
  static final int NO_TIER = -1;

  static Served of(Strategy strategy, long ageMillis) {
    return new Served(strategy, ageMillis, NO_TIER, false);
  }
}
