package dev.oddscache.stats;

import dev.oddscache.Status;
import dev.oddscache.cache.Strategy;
import dev.oddscache.zone.Zone;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of the cache's statistics since the latest {@link
 * CacheStatsRecorder#reset} of each category. Thread-safe.
 *
 * <p>Counts are exact; latencies are in milliseconds, over the sampled requests only (see {@link
 * #latencySamples()}); average, minimum and maximum are exact, and percentiles come from a
 * log-linear histogram with 16 buckets per power of two, within 3.125 % of the true sample. With
 * no sample every latency reads 0. {@link #toMap()} uses the names of the original Python
 * system that oddscache replaces ({@link #LEGACY_NAMES}), so dashboards built on it keep working.
 */
public final class CacheStats {
  /**
   * The 35 metric names of the original Python system's {@code to_prometheus()}: 28 counters,
   * then 7 gauges. {@link #toMap()} contains each of them.
   */
  public static final List<String> LEGACY_NAMES = List.of(
      "cache_hit_fresh", "cache_hit_stale", "cache_miss", "cache_errors",
      "vix_panic_detected", "vix_warning_detected", "vix_normal", "cache_bypass_vix",
      "golden_hour_warmup", "golden_hour_golden", "golden_hour_active",
      "golden_hour_prematch", "golden_hour_standard",
      "swr_served_stale", "swr_served_fresh", "swr_too_stale",
      "swr_background_success", "swr_background_error",
      "surgical_invalidation", "full_invalidation",
      "markets_affected_logical", "cache_keys_deleted_actual", "markets_preserved",
      "strategy_bypass", "strategy_compute", "strategy_serve_stale", "strategy_serve_fresh",
      "total_requests",
      "avg_latency_ms", "max_latency_ms", "min_latency_ms",
      "hit_rate_pct", "avg_cpu_saved_pct", "vix_panic_rate_pct",
      "golden_hour_total");

  private static final double NANOS_PER_MILLI = 1_000_000.0;
  private static final double MICROS_PER_PCT = 1_000_000.0;

  private final long[] values;
  private final long latencySamples;
  private final long latencySumNanos;
  private final long minLatencyNanos;
  private final long maxLatencyNanos;
  private final long p50LatencyNanos;
  private final long p95LatencyNanos;
  private final long p99LatencyNanos;

  CacheStats(long[] values, long latencySamples, long latencySumNanos, long minLatencyNanos,
      long maxLatencyNanos, long p50LatencyNanos, long p95LatencyNanos, long p99LatencyNanos) {
    this.values = values.clone();
    this.latencySamples = latencySamples;
    this.latencySumNanos = latencySumNanos;
    this.minLatencyNanos = minLatencyNanos;
    this.maxLatencyNanos = maxLatencyNanos;
    this.p50LatencyNanos = p50LatencyNanos;
    this.p95LatencyNanos = p95LatencyNanos;
    this.p99LatencyNanos = p99LatencyNanos;
  }

  private long get(Stat stat) {
    return values[stat.ordinal()];
  }

  /** {@code cache_hit_fresh}: requests served a value younger than their TTL. */
  public long hitFresh() {
    return get(Stat.CACHE_HIT_FRESH);
  }

  /** {@code cache_hit_stale}: requests served an older value (SWR, stale-if-error, overload). */
  public long hitStale() {
    return get(Stat.CACHE_HIT_STALE);
  }

  /** {@code cache_miss}: compute requests that served nothing stale. */
  public long misses() {
    return get(Stat.CACHE_MISS);
  }

  /** {@code cache_errors}: errors of every kind. */
  public long errors() {
    long sum = 0;
    for (ErrorKind kind : ErrorKind.values()) {
      sum += errors(kind);
    }
    return sum;
  }

  public long errors(ErrorKind kind) {
    return get(CacheStatsRecorder.errorStat(Objects.requireNonNull(kind, "kind")));
  }

  /** {@code vix_normal}, {@code vix_warning_detected} or {@code vix_panic_detected}. */
  public long requestsWithStatus(Status status) {
    return get(CacheStatsRecorder.statusStat(Objects.requireNonNull(status, "status")));
  }

  /** {@code cache_bypass_vix}: bypass requests whose status was PANIC. */
  public long bypassVix() {
    return get(Stat.CACHE_BYPASS_VIX);
  }

  /** {@code golden_hour_<zone>}: requests in a kickoff zone. */
  public long requestsInZone(Zone zone) {
    return get(CacheStatsRecorder.zoneStat(Objects.requireNonNull(zone, "zone")));
  }

  /** {@code golden_hour_total}: requests in every zone. */
  public long goldenHourTotal() {
    long sum = 0;
    for (Zone zone : Zone.values()) {
      sum += requestsInZone(zone);
    }
    return sum;
  }

  /** {@code swr_served_stale}: requests served by stale-while-revalidate. */
  public long swrServedStale() {
    return get(Stat.SWR_SERVED_STALE);
  }

  /** {@code swr_served_fresh}: requests served fresh. */
  public long swrServedFresh() {
    return get(Stat.SWR_SERVED_FRESH);
  }

  /** {@code swr_too_stale}: requests whose stored value was too old to serve stale. */
  public long swrTooStale() {
    return get(Stat.SWR_TOO_STALE);
  }

  /** {@code swr_background_success}: background refreshes that stored a new value. */
  public long swrRefreshSuccess() {
    return get(Stat.SWR_BACKGROUND_SUCCESS);
  }

  /** {@code swr_background_error}: background refreshes that failed. */
  public long swrRefreshError() {
    return get(Stat.SWR_BACKGROUND_ERROR);
  }

  /** {@code surgical_invalidation}. */
  public long surgicalInvalidations() {
    return get(Stat.SURGICAL_INVALIDATION);
  }

  /** {@code full_invalidation}. */
  public long fullInvalidations() {
    return get(Stat.FULL_INVALIDATION);
  }

  /** {@code markets_affected_logical}: markets hit by surgical invalidations. */
  public long marketsAffected() {
    return get(Stat.MARKETS_AFFECTED_LOGICAL);
  }

  /** {@code cache_keys_deleted_actual}: keys deleted by surgical invalidations. */
  public long keysDeleted() {
    return get(Stat.CACHE_KEYS_DELETED_ACTUAL);
  }

  /** {@code full_invalidation_keys_deleted}: keys deleted by full invalidations. */
  public long fullInvalidationKeysDeleted() {
    return get(Stat.FULL_INVALIDATION_KEYS_DELETED);
  }

  /** {@code markets_preserved}: markets surgical invalidations left in place. */
  public long marketsPreserved() {
    return get(Stat.MARKETS_PRESERVED);
  }

  /** {@code avg_cpu_saved_pct}: mean CPU saved per surgical invalidation, 0 when none. */
  public double avgCpuSavedPct() {
    long count = get(Stat.CPU_SAVED_COUNT);
    return count == 0 ? 0.0 : get(Stat.CPU_SAVED_MICRO_PCT) / MICROS_PER_PCT / count;
  }

  /** {@code strategy_<strategy>}: requests served with a strategy. */
  public long requestsWithStrategy(Strategy strategy) {
    return get(CacheStatsRecorder.strategyStat(Objects.requireNonNull(strategy, "strategy")));
  }

  /** {@code total_requests}: every request, exactly, whatever the latency sample rate. */
  public long totalRequests() {
    return get(Stat.TOTAL_REQUESTS);
  }

  /** {@code adaptive_ttl_applied}: requests whose TTL a breaker floor or the quota raised. */
  public long adaptiveTtlApplied() {
    return get(Stat.ADAPTIVE_TTL_APPLIED);
  }

  /** {@code loads_success}: backend loads that returned a value. */
  public long loadsSuccess() {
    return get(Stat.LOADS_SUCCESS);
  }

  /** {@code loads_error}: backend loads that failed. */
  public long loadsError() {
    return get(Stat.LOADS_ERROR);
  }

  /** {@code latency_samples}: latencies recorded, about total requests × the sample rate. */
  public long latencySamples() {
    return latencySamples;
  }

  /** {@code avg_latency_ms}: exact mean of the sampled latencies. */
  public double avgLatencyMillis() {
    return latencySamples == 0 ? 0.0 : latencySumNanos / NANOS_PER_MILLI / latencySamples;
  }

  /** {@code min_latency_ms}: exact. */
  public double minLatencyMillis() {
    return minLatencyNanos / NANOS_PER_MILLI;
  }

  /** {@code max_latency_ms}: exact. */
  public double maxLatencyMillis() {
    return maxLatencyNanos / NANOS_PER_MILLI;
  }

  /** {@code p50_latency_ms}: median, within 3.125 %. */
  public double p50LatencyMillis() {
    return p50LatencyNanos / NANOS_PER_MILLI;
  }

  /** {@code p95_latency_ms}: within 3.125 %. */
  public double p95LatencyMillis() {
    return p95LatencyNanos / NANOS_PER_MILLI;
  }

  /** {@code p99_latency_ms}: within 3.125 %. */
  public double p99LatencyMillis() {
    return p99LatencyNanos / NANOS_PER_MILLI;
  }

  /**
   * {@code hit_rate_pct}: (fresh + stale hits) / total requests × 100; 0 without requests.
   *
   * <p>Hits are reset only by {@code all} while total requests are also reset by {@code
   * performance}; after a {@code performance} reset alone the ratio mixes two periods, so it is
   * capped at 100. Reset {@code all} for a clean period.
   */
  public double hitRatePct() {
    long total = totalRequests();
    if (total == 0) {
      return 0.0;
    }
    return Math.min(100.0, 100.0 * (hitFresh() + hitStale()) / total);
  }

  /**
   * {@code vix_panic_rate_pct}: PANIC requests / requests with any status × 100; 0 without
   * requests. Both counts belong to the {@code vix} category, so the rate survives other resets.
   */
  public double vixPanicRatePct() {
    long panic = requestsWithStatus(Status.PANIC);
    long all = panic + requestsWithStatus(Status.WARNING) + requestsWithStatus(Status.NORMAL);
    return all == 0 ? 0.0 : 100.0 * panic / all;
  }

  /**
   * The snapshot under the original Python system's names, in its order, then a few of ours ({@code
   * p50/p95/p99_latency_ms}, {@code latency_samples}, {@code adaptive_ttl_applied}, {@code
   * loads_success}, {@code loads_error}, {@code full_invalidation_keys_deleted}). Counts are
   * {@link Long}s; rates and latencies are {@link Double}s rounded to 3 decimals. Unmodifiable.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("cache_hit_fresh", hitFresh());
    map.put("cache_hit_stale", hitStale());
    map.put("cache_miss", misses());
    map.put("cache_errors", errors());
    map.put("vix_panic_detected", requestsWithStatus(Status.PANIC));
    map.put("vix_warning_detected", requestsWithStatus(Status.WARNING));
    map.put("vix_normal", requestsWithStatus(Status.NORMAL));
    map.put("cache_bypass_vix", bypassVix());
    map.put("golden_hour_warmup", requestsInZone(Zone.WARMUP));
    map.put("golden_hour_golden", requestsInZone(Zone.GOLDEN));
    map.put("golden_hour_active", requestsInZone(Zone.ACTIVE));
    map.put("golden_hour_prematch", requestsInZone(Zone.PREMATCH));
    map.put("golden_hour_standard", requestsInZone(Zone.STANDARD));
    map.put("golden_hour_total", goldenHourTotal());
    map.put("swr_served_stale", swrServedStale());
    map.put("swr_served_fresh", swrServedFresh());
    map.put("swr_too_stale", swrTooStale());
    map.put("swr_background_success", swrRefreshSuccess());
    map.put("swr_background_error", swrRefreshError());
    map.put("surgical_invalidation", surgicalInvalidations());
    map.put("full_invalidation", fullInvalidations());
    map.put("markets_affected_logical", marketsAffected());
    map.put("cache_keys_deleted_actual", keysDeleted());
    map.put("markets_preserved", marketsPreserved());
    map.put("avg_cpu_saved_pct", round(avgCpuSavedPct()));
    map.put("strategy_bypass", requestsWithStrategy(Strategy.BYPASS));
    map.put("strategy_compute", requestsWithStrategy(Strategy.COMPUTE));
    map.put("strategy_serve_stale", requestsWithStrategy(Strategy.SERVE_STALE));
    map.put("strategy_serve_fresh", requestsWithStrategy(Strategy.SERVE_FRESH));
    map.put("total_requests", totalRequests());
    map.put("avg_latency_ms", round(avgLatencyMillis()));
    map.put("min_latency_ms", round(minLatencyMillis()));
    map.put("max_latency_ms", round(maxLatencyMillis()));
    map.put("hit_rate_pct", round(hitRatePct()));
    map.put("vix_panic_rate_pct", round(vixPanicRatePct()));
    map.put("p50_latency_ms", round(p50LatencyMillis()));
    map.put("p95_latency_ms", round(p95LatencyMillis()));
    map.put("p99_latency_ms", round(p99LatencyMillis()));
    map.put("latency_samples", latencySamples());
    map.put("adaptive_ttl_applied", adaptiveTtlApplied());
    map.put("loads_success", loadsSuccess());
    map.put("loads_error", loadsError());
    map.put("full_invalidation_keys_deleted", fullInvalidationKeysDeleted());
    return Collections.unmodifiableMap(map);
  }

  private static double round(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }

  @Override
  public String toString() {
    return "CacheStats" + toMap();
  }
}
