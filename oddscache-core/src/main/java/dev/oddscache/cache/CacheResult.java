package dev.oddscache.cache;

import dev.oddscache.decision.Decision;
import java.util.Objects;

/**
 * What a read returned and how (SPEC §9). Immutable.
 *
 * @param value the value, never null
 * @param strategy how the request was served
 * @param ageMillis the age of the value when it was handed to the caller
 * @param decision the TTL decision of the request, with its reasons
 * @param staleOnError a load failed and a stored value was served instead (stale-if-error)
 * @param overloaded the bulkhead was full and a stored value was served instead of loading
 */
public record CacheResult<V>(
    V value, Strategy strategy, long ageMillis, Decision decision, boolean staleOnError,
    boolean overloaded) {
  public CacheResult {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(decision, "decision");
  }

  /** Whether the value served was past the effective TTL. */
  public boolean stale() {
    return strategy == Strategy.SERVE_STALE || staleOnError || overloaded;
  }
}
