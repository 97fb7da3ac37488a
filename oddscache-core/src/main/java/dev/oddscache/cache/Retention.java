package dev.oddscache.cache;

import dev.oddscache.decision.Decision;
import dev.oddscache.vix.DriftStamp;
import java.time.Duration;

/**
 * How long the store keeps a loaded value: its TTL and stale window, and long enough for the
 * fallbacks that serve it later (stale-if-error, stale-on-overload). A value loaded with TTL 0
 * is kept too, for those fallbacks. A value with drift information may stay fresh for as long
 * as its prices do not move, up to the base TTL, whatever the status at its load.
 */
final class Retention {
  private Retention() {}

  static Duration of(Decision decision, ValueRules rules, OddsCacheConfig config,
      DriftStamp drift) {
    long ttlMillis = DriftRule.ttlMillis(decision, DriftVerdict.NOT_APPLIED);
    if (!drift.isNone()) {
      ttlMillis = Math.max(ttlMillis, DriftRule.ttlMillis(decision, DriftVerdict.UNMOVED));
    }
    long keep = Math.max(ttlMillis + rules.staleWindowMillis(config, ttlMillis),
        Math.max(rules.staleIfErrorMillis(config), config.maxStaleOnOverload().toMillis()));
    return Duration.ofMillis(Math.max(1, keep));
  }
}
