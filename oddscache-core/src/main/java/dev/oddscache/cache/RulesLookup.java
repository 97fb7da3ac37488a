package dev.oddscache.cache;

import dev.oddscache.store.StoredValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ValueRules} a value states for itself through the builder's {@link ValuePolicy};
 * the config's ({@link ValueRules#DEFAULT}) for none, or when the policy fails: a broken policy
 * must not fail reads, and the config's rules are always a safe answer.
 */
final class RulesLookup<V> {
  private static final Logger log = LoggerFactory.getLogger(OddsCache.class);

  private final ValuePolicy<V> policy;

  RulesLookup(ValuePolicy<V> policy) {
    this.policy = policy;
  }

  ValueRules of(StoredValue<V> entry) {
    return entry == null ? ValueRules.DEFAULT : of(entry.value());
  }

  ValueRules of(V value) {
    try {
      ValueRules rules = policy.rules(value);
      return rules == null ? ValueRules.DEFAULT : rules;
    } catch (RuntimeException e) {
      log.debug("value policy failed, using the config's rules: {}", e.toString());
      return ValueRules.DEFAULT;
    }
  }
}
