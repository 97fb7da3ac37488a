package dev.oddscache.redis.panic;

/**
 * The clock's Redis keys: {@code {prefix}:panic:{<matchId>}}, one per match. The match id is the
 * key's hash tag, so every command of the clock touches one Cluster slot. Immutable.
 */
final class PanicKeys {
  private final String keyPrefix;

  PanicKeys(String prefix) {
    this.keyPrefix = prefix + ":panic:{";
  }

  String key(String matchId) {
    return keyPrefix + matchId + "}";
  }

  @Override
  public String toString() {
    return keyPrefix + "<matchId>}";
  }
}
