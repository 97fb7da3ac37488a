package dev.oddscache.redis.fleet;

import dev.oddscache.quota.Stakes;
import java.util.Objects;

/**
 * A match some instance of the fleet decided as panicking.
 *
 * @param matchId the match
 * @param stakes its stakes, as that instance classified them (they pick its tier table)
 * @param seenMillis the latest panicking decision for it, on that instance's clock
 * @param instanceId the instance that reported it last
 */
public record FleetPanic(String matchId, Stakes stakes, long seenMillis, String instanceId) {
  public FleetPanic {
    Objects.requireNonNull(matchId, "matchId");
    Objects.requireNonNull(stakes, "stakes");
    Objects.requireNonNull(instanceId, "instanceId");
  }
}
