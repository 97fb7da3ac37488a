package dev.oddscache.metrics;

/**
 * Names of every Micrometer meter oddscache registers, in Micrometer's dotted form. A Prometheus
 * registry renders them with underscores and adds {@code _total} to counters, e.g. {@code
 * oddscache.breaker.transitions} becomes {@code oddscache_breaker_transitions_total}.
 */
public final class MeterNames {
  private MeterNames() {}

  /** Gauge: breaker mode level, 0 NORMAL, 1 HIGH_VOLATILITY, 2 CIRCUIT_OPEN. */
  public static final String BREAKER_MODE = "oddscache.breaker.mode";

  /** Gauge: panic ratio of the breaker window, in [0, 1]. */
  public static final String BREAKER_PANIC_RATIO = "oddscache.breaker.panic.ratio";

  /** Counter: breaker transitions, tagged {@link #TAG_FROM} and {@link #TAG_TO}. */
  public static final String BREAKER_TRANSITIONS = "oddscache.breaker.transitions";

  /** Gauge: requests in the breaker window. */
  public static final String BREAKER_SAMPLES = "oddscache.breaker.samples";

  /** Tag: the mode a transition left. */
  public static final String TAG_FROM = "from";

  /** Tag: the mode a transition entered. */
  public static final String TAG_TO = "to";

  /** Counter: requests by {@link #TAG_STRATEGY} ({@code serve_fresh}, {@code bypass}...). */
  public static final String REQUESTS = "oddscache.requests";

  /** Counter: requests answered from the cache, by {@link #TAG_FRESHNESS} fresh or stale. */
  public static final String CACHE_HITS = "oddscache.cache.hits";

  /** Counter: requests that found no usable value and waited for a load (strategy compute). */
  public static final String CACHE_MISSES = "oddscache.cache.misses";

  /** Counter: errors by {@link #TAG_KIND} ({@code load}, {@code store}, {@code overload}...). */
  public static final String ERRORS = "oddscache.errors";

  /** Counter: requests by aggregated volatility {@link #TAG_STATUS}. */
  public static final String VIX_STATUS = "oddscache.vix.status";

  /** Counter: requests that bypassed the cache because their status was PANIC. */
  public static final String VIX_BYPASS = "oddscache.vix.bypass";

  /** Counter: requests by kickoff {@link #TAG_ZONE}. */
  public static final String ZONE = "oddscache.zone";

  /** Counter: stale-while-revalidate outcomes by {@link #TAG_RESULT}. */
  public static final String SWR = "oddscache.swr";

  /** Counter: invalidations by {@link #TAG_KIND} {@code surgical} or {@code full}. */
  public static final String INVALIDATIONS = "oddscache.invalidations";

  /** Counter: markets hit by surgical invalidations (logical, from the impact rules). */
  public static final String INVALIDATION_MARKETS_AFFECTED =
      "oddscache.invalidation.markets.affected";

  /** Counter: stored keys actually deleted by invalidations, by {@link #TAG_KIND}. */
  public static final String INVALIDATION_KEYS_DELETED = "oddscache.invalidation.keys.deleted";

  /** Counter: markets of an invalidated match that surgical invalidation left in place. */
  public static final String INVALIDATION_MARKETS_PRESERVED =
      "oddscache.invalidation.markets.preserved";

  /** Distribution summary: share of a match's markets preserved per surgical invalidation. */
  public static final String CPU_SAVED_RATIO = "oddscache.cpu.saved.ratio";

  /** Counter: requests whose effective TTL was raised above their freshness by a floor or quota. */
  public static final String ADAPTIVE_TTL_APPLIED = "oddscache.adaptive.ttl.applied";

  /** Timer: request latency, sampled at the configured latency sample rate. */
  public static final String REQUEST_DURATION = "oddscache.request.duration";

  /** Distribution summary, base unit seconds: age of the value served, by {@link #TAG_STRATEGY}. */
  public static final String SERVED_AGE = "oddscache.served.age";

  /** Counter: backend loads by {@link #TAG_RESULT} {@code success} or {@code error}. */
  public static final String LOADS = "oddscache.loads";

  /** Timer: backend load duration. */
  public static final String LOAD_DURATION = "oddscache.load.duration";

  /** Gauge: backend loads in flight in this process. */
  public static final String LOADS_IN_FLIGHT = "oddscache.loads.in.flight";

  /** Gauge: 1 while the store runs on its local fallback, else 0. */
  public static final String STORE_FALLBACK = "oddscache.store.fallback";

  /**
   * Gauge: 1 while the backend is under pressure (bulkhead occupancy, load latency against its
   * baseline, or the load budget), so that protection floors hold values whose prices moved;
   * else 0.
   */
  public static final String BACKEND_PRESSURE = "oddscache.backend.pressure";

  /** Gauge: recent backend load latency over its own baseline (1 until enough loads). */
  public static final String BACKEND_LATENCY_RATIO = "oddscache.backend.latency.ratio";

  /**
   * Counter: panic starts the shared panic clock's store lost (evicted, flushed, restarted
   * empty) while this process still saw the panic, and that this process restored.
   */
  public static final String PANIC_STARTS_LOST = "oddscache.panic.starts.lost";

  /** Gauge: panicking matches by quota {@link #TAG_TIER} 1 to 4. */
  public static final String PANIC_MATCHES = "oddscache.panic.matches";

  /**
   * Counter: matches dropped from a full per-match structure, by {@link #TAG_STRUCTURE} ({@code
   * vix}, {@code panicking}, {@code panic_clock}).
   */
  public static final String MATCHES_EVICTED = "oddscache.matches.evicted";

  /** Tag: the per-match structure a match was dropped from. */
  public static final String TAG_STRUCTURE = "structure";

  /** Tag: how a request was served, {@code serve_fresh}, {@code serve_stale}... */
  public static final String TAG_STRATEGY = "strategy";

  /** Tag: {@code fresh} or {@code stale}. */
  public static final String TAG_FRESHNESS = "freshness";

  /** Tag: the kind of an error or of an invalidation. */
  public static final String TAG_KIND = "kind";

  /** Tag: volatility status, {@code normal}, {@code warning} or {@code panic}. */
  public static final String TAG_STATUS = "status";

  /** Tag: kickoff zone, {@code standard}, {@code prematch}, {@code warmup}, {@code golden}... */
  public static final String TAG_ZONE = "zone";

  /** Tag: the outcome of a load or of a stale-while-revalidate step. */
  public static final String TAG_RESULT = "result";

  /** Tag: panic quota tier, {@code 1} to {@code 4}. */
  public static final String TAG_TIER = "tier";
}
