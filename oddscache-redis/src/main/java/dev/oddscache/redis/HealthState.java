package dev.oddscache.redis;

import dev.oddscache.store.StoreHealth;
import java.util.Set;

/**
 * The connection's health as {@link RedisHealthTracker} keeps it: the level the store reports,
 * and what keeps it below HEALTHY. Immutable.
 *
 * @param level what {@link RedisConnector#health()} reports
 * @param failing the operations that failed while connected and have not succeeded since: a
 *     Redis that refuses writes ({@code noeviction} and full) but answers reads stays DEGRADED
 *     instead of flapping with every read between two failed writes
 * @param lastFailureNanos ticker time of the last failure, {@link #NEVER} before any
 */
record HealthState(StoreHealth level, Set<String> failing, long lastFailureNanos) {
  static final long NEVER = Long.MIN_VALUE;
  static final HealthState HEALTHY = new HealthState(StoreHealth.HEALTHY, Set.of(), NEVER);

  HealthState {
    failing = Set.copyOf(failing);
  }
}
