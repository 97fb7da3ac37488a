package dev.oddscache.stats;

import dev.oddscache.internal.Enums;

/**
 * A group of statistics that {@link CacheStatsRecorder#reset} clears from the snapshot view
 * together, one per group of the original Python system's {@code reset_category}.
 */
public enum StatsCategory {
  /** {@code vix_*} and {@code cache_bypass_vix}. */
  VIX,
  /** {@code golden_hour_*}: requests per kickoff zone. */
  GOLDEN_HOUR,
  /** {@code swr_*}: stale-while-revalidate outcomes. */
  SWR,
  /** Invalidation counters and the CPU saved by surgical invalidation. */
  TAGMANAGER,
  /** {@code strategy_*}: requests per strategy. */
  STRATEGY,
  /** {@code total_requests} and the latency statistics. */
  PERFORMANCE,
  /** Every statistic, including those in no other category (hits, misses, errors, loads). */
  ALL;

  /**
   * Parses a category case-insensitively ({@code golden_hour}, {@code GOLDEN-HOUR}...).
   *
   * @throws IllegalArgumentException naming the field {@code category}, the value and the choices
   */
  public static StatsCategory parse(String value) {
    return Enums.parse(StatsCategory.class, "category", value);
  }
}
