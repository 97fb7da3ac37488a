package dev.oddscache.redis.fleet;

/**
 * The fleet view's keys. They share the hash tag {@code {fleet}}, so each multi-key round trip
 * touches one Cluster slot: {@code {prefix}:{fleet}:instances} (sorted set of instance ids),
 * {@code {prefix}:{fleet}:instance:<id>} (one heartbeat, expiring) and {@code
 * {prefix}:{fleet}:panics} (hash of panicking matches). Instance ids never hold braces.
 */
final class FleetKeys {
  private final String base;

  FleetKeys(String prefix) {
    this.base = prefix + ":{fleet}:";
  }

  String instances() {
    return base + "instances";
  }

  String instance(String id) {
    return base + "instance:" + id;
  }

  String panics() {
    return base + "panics";
  }
}
