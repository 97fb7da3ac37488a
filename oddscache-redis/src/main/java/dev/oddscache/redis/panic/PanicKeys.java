package dev.oddscache.redis.panic;

/**
 * The clock's Redis keys, two per match: {@code {prefix}:panic:{<matchId>}} holds the start of
 * its panic, {@code {prefix}:panic-ended:{<matchId>}} when a process last ended one (so a process
 * that finds the start missing tells an ended panic from a lost key). The match id is the keys'
 * hash tag, so every command of the clock touches one Cluster slot. Immutable.
 */
final class PanicKeys {
  private final String keyPrefix;
  private final String endPrefix;

  PanicKeys(String prefix) {
    this.keyPrefix = prefix + ":panic:{";
    this.endPrefix = prefix + ":panic-ended:{";
  }

  String key(String matchId) {
    return keyPrefix + matchId + "}";
  }

  String endKey(String matchId) {
    return endPrefix + matchId + "}";
  }

  @Override
  public String toString() {
    return keyPrefix + "<matchId>}";
  }
}
