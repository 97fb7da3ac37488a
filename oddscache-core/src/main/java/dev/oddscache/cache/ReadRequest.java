package dev.oddscache.cache;

import dev.oddscache.MatchContext;
import dev.oddscache.decision.Decision;
import dev.oddscache.store.StoredValue;

/**
 * One read that was not a fresh hit, as it was decided: what its serving, its load and its
 * metrics need. Immutable.
 *
 * @param startNanos the ticker's {@code nanoTime} when the read began, for its latency;
 *     {@code Long.MIN_VALUE} when its latency is not sampled
 * @param entry the value stored for the key, if the loader accepts it; null for none, and
 *     always null while the cache is disabled
 * @param rules the rules {@code entry} states for itself; {@link ValueRules#DEFAULT} without one
 * @param loadsCompletedBefore the coordinator's completed loads before the store read, to tell
 *     whether a load may have stored a value this read missed
 * @param drift what price drift made of {@code entry}
 */
record ReadRequest<V>(String key, MatchContext context, ReadOptions options, long startNanos,
    StoredValue<V> entry, ValueRules rules, Decision decision, long loadsCompletedBefore,
    DriftVerdict drift) {

  /** The age in milliseconds below which {@code entry} is fresh for this request. */
  long ttlMillis() {
    return DriftRule.ttlMillis(decision, drift);
  }
}
