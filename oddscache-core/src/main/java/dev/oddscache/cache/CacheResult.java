package dev.oddscache.cache;

import dev.oddscache.decision.Decision;
import java.util.Objects;

/**
 * What a read returned and how. Immutable.
 *
 * @param value the value, never null
 * @param strategy how the request was served
 * @param ageMillis the age of the value when it was handed to the caller
 * @param decision the TTL decision of the request, with its reasons
 * @param staleReason why a value past its TTL was served; {@link StaleReason#REVALIDATING}
 *     exactly when the strategy is {@link Strategy#SERVE_STALE}
 * @param drift what price drift said about the stored value the request found
 */
public record CacheResult<V>(V value, Strategy strategy, long ageMillis, Decision decision,
    StaleReason staleReason, DriftVerdict drift) {
  public CacheResult {
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(staleReason, "staleReason");
    if ((strategy == Strategy.SERVE_STALE) != (staleReason == StaleReason.REVALIDATING)) {
      throw new IllegalArgumentException("staleReason " + staleReason
          + " does not match strategy " + strategy);
    }
  }

  /** A result drift did not apply to. */
  public CacheResult(V value, Strategy strategy, long ageMillis, Decision decision,
      StaleReason staleReason) {
    this(value, strategy, ageMillis, decision, staleReason, DriftVerdict.NOT_APPLIED);
  }

  /** Whether the value served was past the effective TTL. */
  public boolean stale() {
    return staleReason != StaleReason.NONE;
  }
}
