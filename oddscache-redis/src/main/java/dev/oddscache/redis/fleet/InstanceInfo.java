package dev.oddscache.redis.fleet;

import java.util.Objects;

/**
 * What one instance tells the fleet about itself in each heartbeat.
 *
 * @param id unique in the fleet, new at each start
 * @param version the build's version
 * @param startedMillis when the instance started, epoch millis
 * @param url where it serves, as it sees itself
 * @param breakerMode its breaker's mode at the heartbeat
 * @param storeHealth its store's health at the heartbeat
 * @param requestsPerSecond the proxied requests of its last complete second
 * @param heartbeatMillis its clock at the heartbeat
 */
public record InstanceInfo(String id, String version, long startedMillis, String url,
    String breakerMode, String storeHealth, double requestsPerSecond, long heartbeatMillis) {
  public InstanceInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(breakerMode, "breakerMode");
    Objects.requireNonNull(storeHealth, "storeHealth");
  }
}
