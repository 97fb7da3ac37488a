package dev.oddscache.cache;

import dev.oddscache.decision.Decision;
import java.time.Duration;

/**
 * How long the store keeps a loaded value: its TTL and stale window, and long enough for the
 * fallbacks that serve it later (stale-if-error, stale-on-overload). A value loaded with TTL 0
 * is kept too, for those fallbacks.
 */
final class Retention {
  private Retention() {}

  static Duration of(Decision decision, ValueRules rules, OddsCacheConfig config) {
    long ttlMillis = ReadRequest.ttlMillis(decision);
    long keep = Math.max(ttlMillis + rules.staleWindowMillis(config, ttlMillis),
        Math.max(rules.staleIfErrorMillis(config), config.maxStaleOnOverload().toMillis()));
    return Duration.ofMillis(Math.max(1, keep));
  }
}
