package dev.oddscache.stats;

/**
 * Every counter behind the {@link CacheStats} snapshot, with the category whose reset clears it.
 * The recorder keeps one {@code LongAdder} per constant, indexed by ordinal; the Micrometer
 * counters read the same adders, so both views count exactly the same events.
 */
enum Stat {
  CACHE_HIT_FRESH(null),
  CACHE_HIT_STALE(null),
  CACHE_MISS(null),
  ERROR_LOAD(null),
  ERROR_STORE(null),
  ERROR_OVERLOAD(null),
  ERROR_METRICS(null),

  VIX_NORMAL(StatsCategory.VIX),
  VIX_WARNING_DETECTED(StatsCategory.VIX),
  VIX_PANIC_DETECTED(StatsCategory.VIX),
  CACHE_BYPASS_VIX(StatsCategory.VIX),

  GOLDEN_HOUR_STANDARD(StatsCategory.GOLDEN_HOUR),
  GOLDEN_HOUR_PREMATCH(StatsCategory.GOLDEN_HOUR),
  GOLDEN_HOUR_WARMUP(StatsCategory.GOLDEN_HOUR),
  GOLDEN_HOUR_GOLDEN(StatsCategory.GOLDEN_HOUR),
  GOLDEN_HOUR_ACTIVE(StatsCategory.GOLDEN_HOUR),

  SWR_SERVED_STALE(StatsCategory.SWR),
  SWR_SERVED_FRESH(StatsCategory.SWR),
  SWR_TOO_STALE(StatsCategory.SWR),
  SWR_BACKGROUND_SUCCESS(StatsCategory.SWR),
  SWR_BACKGROUND_ERROR(StatsCategory.SWR),

  SURGICAL_INVALIDATION(StatsCategory.TAGMANAGER),
  FULL_INVALIDATION(StatsCategory.TAGMANAGER),
  MARKETS_AFFECTED_LOGICAL(StatsCategory.TAGMANAGER),
  CACHE_KEYS_DELETED_ACTUAL(StatsCategory.TAGMANAGER),
  FULL_INVALIDATION_KEYS_DELETED(StatsCategory.TAGMANAGER),
  MARKETS_PRESERVED(StatsCategory.TAGMANAGER),
  /** Surgical invalidations that reported a CPU saving. */
  CPU_SAVED_COUNT(StatsCategory.TAGMANAGER),
  /** Sum of the CPU savings in millionths of a percent, so that baselines subtract exactly. */
  CPU_SAVED_MICRO_PCT(StatsCategory.TAGMANAGER),

  STRATEGY_SERVE_FRESH(StatsCategory.STRATEGY),
  STRATEGY_SERVE_STALE(StatsCategory.STRATEGY),
  STRATEGY_COMPUTE(StatsCategory.STRATEGY),
  STRATEGY_BYPASS(StatsCategory.STRATEGY),

  TOTAL_REQUESTS(StatsCategory.PERFORMANCE),

  ADAPTIVE_TTL_APPLIED(null),
  LOADS_SUCCESS(null),
  LOADS_ERROR(null);

  static final Stat[] VALUES = values();

  /** The category that resets this counter besides {@link StatsCategory#ALL}; null for none. */
  private final StatsCategory category;

  Stat(StatsCategory category) {
    this.category = category;
  }

  boolean resetBy(StatsCategory reset) {
    return reset == StatsCategory.ALL || reset == category;
  }
}
