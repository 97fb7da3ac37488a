package dev.oddscache.tools.sim;

import dev.oddscache.cache.DriftVerdict;
import dev.oddscache.cache.Strategy;

/**
 * How a policy answered one request.
 *
 * @param strategy how the value was obtained (fresh, stale-while-revalidate, a load, a coalesced
 *     bypass); an answer from an older value after a failed load or a full bulkhead is {@link
 *     Strategy#SERVE_STALE}
 * @param ageMillis age of the value served, at the moment it was served
 * @param loadMillis how long the backend call that produced the value took
 * @param tier the panic quota tier the policy decided for the request, or {@link #NO_TIER}
 *     for policies without tiers
 * @param staleOnError whether a failed load was answered with an older value (counted as stale
 *     and as an error)
 * @param overloaded whether the bulkhead was full and an older value was served instead of loading
 * @param prices the prices the value was computed from ({@link SimValue#prices()}), or null
 * @param drift what price drift made of the stored value (the product only), or null
 */
record Served(
    Strategy strategy, long ageMillis, long loadMillis, int tier, boolean staleOnError,
    boolean overloaded, PriceSnapshot prices, DriftVerdict drift) {
  static final int NO_TIER = -1;

  /** An answer of a policy without tiers and without fallbacks, from {@code value}. */
  static Served of(Strategy strategy, long ageMillis, SimValue value) {
    return new Served(strategy, ageMillis, value.loadMillis(), NO_TIER, false, false,
        value.prices(), null);
  }

  /**
   * How old the data can be: the age plus the duration of the load that produced the value, that
   * is, the time since that load started. A coalesced bypass answered when the load it joined
   * lands has age 0 but this is the whole load duration: the backend may have read its data at
   * any moment of the call.
   */
  long sinceLoadStartMillis() {
    return ageMillis + loadMillis;
  }

  /** The finer kind of answer, for the breakdown of tier-1 ages. */
  Answer answer() {
    if (overloaded) {
      return Answer.OVERLOAD;
    }
    if (staleOnError) {
      return Answer.STALE_IF_ERROR;
    }
    return switch (strategy) {
      case BYPASS -> Answer.BYPASS;
      case SERVE_FRESH -> Answer.FRESH;
      case SERVE_STALE -> Answer.STALE;
      case COMPUTE -> Answer.COMPUTE;
    };
  }

  /**
   * How a request was answered, finer than {@link Strategy}: the two fallbacks to an older value
   * are told apart from stale-while-revalidate. The names are the JSON keys.
   */
  enum Answer {
    /** TTL 0: a coalesced (oddscache) or per-request (bypass) load. */
    BYPASS("bypass", "a load that queued behind the backend's limit"),
    /** A stored value younger than the TTL. */
    FRESH("fresh", "a TTL above the quota's 0: a breaker floor, or a baseline's own TTL"),
    /** Stale-while-revalidate: a value past its TTL within the stale window. */
    STALE("stale", "stale-while-revalidate past such a TTL"),
    /** A load on a miss or a too-stale value (TTL above 0). */
    COMPUTE("compute", "a load behind a TTL above 0"),
    /** The load failed and a value younger than {@code staleIfError} was served. */
    STALE_IF_ERROR("staleIfError", "the load failed, a stored value answered"),
    /** The bulkhead was full and a value no older than {@code maxStaleOnOverload} was served. */
    OVERLOAD("overload", "the bulkhead was full, a stored value answered");

    private final String key;
    private final String reason;

    Answer(String key, String reason) {
      this.key = key;
      this.reason = reason;
    }

    String key() {
      return key;
    }

    /** The rule that serves this kind of answer older than one load, in a few words. */
    String reason() {
      return reason;
    }
  }
}
