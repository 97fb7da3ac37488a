package dev.oddscache.stats;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;

/**
 * What the cache counts, one method per event. {@link CacheStatsRecorder} feeds Micrometer and
 * the {@link CacheStats} snapshot; the cache records through {@link #guarded}, so a metric that
 * fails never fails a request.
 */
public interface CacheMetrics {

  /**
   * One request answered with a value, exactly (never sampled). A request served a value past
   * its TTL ({@code staleReason} other than {@link StaleReason#NONE}, or strategy {@code
   * SERVE_STALE}) is a stale hit whatever its strategy; otherwise {@code SERVE_FRESH} is a fresh
   * hit and {@code COMPUTE} a miss; {@code BYPASS} is neither.
   *
   * @param servedAgeMillis age of the value returned, in milliseconds; a negative one is not
   *     recorded
   */
  void recordRequest(Strategy strategy, Decision decision, StaleReason staleReason,
      long servedAgeMillis);

  /** One request that got no value: its load failed, or no load slot freed up in time. */
  void recordFailedRequest(Strategy strategy, Decision decision);

  /**
   * A stored value existed but was too old for stale-while-revalidate, so the request loaded;
   * counted once per such request, besides the request itself.
   */
  void recordTooStale();

  /** One request's duration in nanoseconds; may be sampled. A negative one is ignored. */
  void recordLatency(long nanos);

  /**
   * Whether the request starting now is one whose latency is recorded: the read path only reads
   * the clock for those (two clock reads cost more than the rest of a fresh hit), then hands the
   * duration to {@link #recordSampledLatency}. By default every request is.
   */
  default boolean sampleLatency() {
    return true;
  }

  /**
   * The duration of a request {@link #sampleLatency()} chose, recorded without sampling again. By
   * default {@link #recordLatency}.
   */
  default void recordSampledLatency(long nanos) {
    recordLatency(nanos);
  }

  /** A background stale-while-revalidate refresh stored its value. */
  void recordRefreshSuccess();

  /** A background stale-while-revalidate refresh failed. */
  void recordRefreshFailure();

  /** A backend load returned a value, after {@code nanos}; a negative duration is not timed. */
  void recordLoadSuccess(long nanos);

  /**
   * A backend load failed after {@code nanos}. Not counted as an error: report it with {@link
   * #recordError}({@link ErrorKind#LOAD}) so that each failure is counted once.
   */
  void recordLoadFailure(long nanos);

  /** One error. */
  void recordError(ErrorKind kind);

  /**
   * One surgical invalidation. Negative counts are taken as 0, since counters never go down.
   *
   * @param marketsAffected the match's markets hit by the event (logical)
   * @param keysDeleted stored keys actually deleted
   * @param marketsPreserved the match's markets left in place
   * @param cpuSavedPct preserved / match's markets × 100; clamped to [0, 100], and not recorded
   *     when NaN (the invalidation is still counted)
   */
  void recordSurgicalInvalidation(
      int marketsAffected, long keysDeleted, int marketsPreserved, double cpuSavedPct);

  /** One full invalidation (all keys, or all keys of a match); a negative count as 0. */
  void recordFullInvalidation(long keysDeleted);

  /**
   * {@code delegate} made fail-safe: an exception from any of its methods is caught, counted
   * as a {@link ErrorKind#METRICS} error on {@code delegate} where that still works, and logged
   * (the first one at WARN, later ones at DEBUG). Errors ({@link Error}) still propagate.
   */
  static CacheMetrics guarded(CacheMetrics delegate) {
    return delegate instanceof GuardedCacheMetrics ? delegate : new GuardedCacheMetrics(delegate);
  }
}
