package dev.oddscache.cache;

import dev.oddscache.MatchContext;
import dev.oddscache.Scheduler;
import dev.oddscache.Ticker;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerMetrics;
import dev.oddscache.breaker.LocalPanicWindow;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.breaker.PanicWindow;
import dev.oddscache.decision.Decider;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.internal.MatchCap;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.invalidation.InvalidationReport;
import dev.oddscache.invalidation.Invalidator;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.stats.CacheMetrics;
import dev.oddscache.stats.CacheStats;
import dev.oddscache.stats.CacheStatsRecorder;
import dev.oddscache.stats.HistogramView;
import dev.oddscache.stats.Quantiles;
import dev.oddscache.stats.StatsCategory;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.memory.InMemoryStore;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.vix.VixDetector;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.ToDoubleFunction;

/**
 * A volatility-aware cache in front of an expensive loader. Each request is decided (its TTL
 * from volatility, kickoff, breaker and quota), then served fresh, served stale while one
 * background refresh runs, or loaded — always single-flight per key, within the bulkhead, with
 * stale-if-error.
 *
 * <p>The core is asynchronous: {@link #getAsync} never blocks; {@link #get} is a thin wrapper
 * that runs the loader on the calling thread when it is the one to load. Time, scheduling and
 * executors are injected, so the simulator runs this exact code on virtual time. Thread-safe.
 *
 * <p>Failures: a store error is a miss (reads) or ignored (writes); metrics errors are
 * swallowed; a load failure reaches every waiter of that load once, unless a stored value
 * young enough for stale-if-error exists. Nothing here logs per request above DEBUG.
 *
 * <p>This class only wires and delegates, so that each concern has one file to read: {@code
 * ReadPath} answers a read (fresh, stale while revalidating, or from a load, with its
 * fallbacks), {@code LoadCoordinator} runs single-flight loads within the {@code Bulkhead} and,
 * through {@code LeaseWait}, a shared {@link LoadLease}; {@code StoreAccess} turns store
 * failures into misses; every event is counted through one guarded {@link CacheMetrics}.
 *
 * @param <V> the type of the cached values; opaque to the cache
 */
public final class OddsCache<V> implements AutoCloseable {
  private final OddsCacheConfig config;
  private final CacheStore<V> store;
  private final Decider decider;
  private final Invalidator invalidator;
  /** Read for snapshots and resets; every event is recorded through {@link #metrics}. */
  private final CacheStatsRecorder stats;
  private final CacheMetrics metrics;
  private final InvalidationGenerations generations = new InvalidationGenerations();
  private final LoadCoordinator<V> loads;
  private final ReadPath<V> reads;

  private OddsCache(Builder<V> b) {
    this.config = b.config;
    this.store = b.store != null ? b.store
        : new InMemoryStore<>(InMemoryStoreConfig.ofDefaults(), b.ticker, b.executor);
    PanicBreaker breaker = PanicBreaker.of(b.breakerConfig, b.ticker,
        b.panicWindow != null ? b.panicWindow : new LocalPanicWindow(b.breakerConfig.window()));
    this.decider = new Decider(b.engine, b.vix, breaker, b.panicClock, b.stakes, b.ticker,
        b.maxPanickingMatches);
    this.invalidator = new Invalidator(b.impactRules);
    this.stats = new CacheStatsRecorder(b.meterRegistry, config.latencySampleRate(),
        config.quantiles());
    this.metrics = CacheMetrics.guarded(stats);
    CacheServices<V> services = new CacheServices<>(config, b.ticker, b.scheduler, b.executor,
        new StoreAccess<>(store, metrics), metrics, new RulesLookup<>(b.valuePolicy), decider);
    this.loads = new LoadCoordinator<>(services,
        new Bulkhead(config.maxConcurrentLoads(), b.scheduler, b.executor), b.lease, generations);
    this.reads = new ReadPath<>(services, loads);
    PanicClock clock = b.panicClock;
    stats.bindGauges(this::loadsInFlight,
        () -> store.health() != StoreHealth.HEALTHY || clock.inFallback(),
        decider::panicMatchesByTier);
    new BreakerMetrics(breaker).bindTo(b.meterRegistry);
    FunctionCounter.builder(MeterNames.PANIC_STARTS_LOST, clock, PanicClock::lostStarts)
        .description("Panic starts lost by the shared store while this process saw the panic,"
            + " and restored")
        .register(b.meterRegistry);
    matchEvictions(b.meterRegistry, "vix", decider.vix(), VixDetector::matchEvictions);
    matchEvictions(b.meterRegistry, "panicking", decider, Decider::panickingMatchEvictions);
    matchEvictions(b.meterRegistry, "panic_clock", clock, PanicClock::matchEvictions);
    BackendPressure pressure = loads.pressure();
    Gauge.builder(MeterNames.BACKEND_PRESSURE, pressure, p -> p.underPressure() ? 1 : 0)
        .description("1 while the backend is under pressure and floors hold drifted values")
        .strongReference(true)
        .register(b.meterRegistry);
    Gauge.builder(MeterNames.BACKEND_LATENCY_RATIO, pressure, p -> p.snapshot().latencyRatio())
        .description("Recent backend load latency over its own baseline")
        .strongReference(true)
        .register(b.meterRegistry);
  }

  private static <T> void matchEvictions(MeterRegistry registry, String structure, T source,
      ToDoubleFunction<T> count) {
    FunctionCounter.builder(MeterNames.MATCHES_EVICTED, source, count)
        .description("Matches dropped from a per-match structure that was full")
        .tag(MeterNames.TAG_STRUCTURE, structure)
        .register(registry);
  }

  public static <V> Builder<V> builder() {
    return new Builder<>();
  }

  /** {@link #getAsync(String, MatchContext, ReadOptions, AsyncLoader)} with default bounds. */
  public CompletableFuture<CacheResult<V>> getAsync(
      String key, MatchContext context, AsyncLoader<V> loader) {
    return getAsync(key, context, ReadOptions.DEFAULT, loader);
  }

  /**
   * Serves {@code key} for a request in {@code context}. The future fails with the load's
   * exception (or {@link OverloadException}) only when no stored value may be served instead.
   *
   * @throws IllegalArgumentException if {@code key} is blank
   */
  public CompletableFuture<CacheResult<V>> getAsync(
      String key, MatchContext context, ReadOptions options, AsyncLoader<V> loader) {
    requireRead(key, context, options);
    Objects.requireNonNull(loader, "loader");
    return reads.read(key, context, options, loader, ReadMode.async());
  }

  /** {@link #get(String, MatchContext, ReadOptions, Loader)} with default bounds. */
  public CacheResult<V> get(String key, MatchContext context, Loader<V> loader) {
    return get(key, context, ReadOptions.DEFAULT, loader);
  }

  /**
   * The synchronous form of {@link #getAsync}: when this call is the one that loads, the loader
   * runs on the calling thread; otherwise the call waits for the shared load.
   *
   * @throws RuntimeException the loader's exception ({@link LoadFailedException} wrapping a
   *     checked one) or {@link OverloadException}, when no stored value may be served instead
   */
  public CacheResult<V> get(
      String key, MatchContext context, ReadOptions options, Loader<V> loader) {
    Objects.requireNonNull(loader, "loader");
    requireRead(key, context, options);
    // A fresh hit, the common case, needs no future and no loader adapter.
    return reads.read(key, context, options, loader, ReadMode.sync());
  }

  /** Applies a match event to the match's cached markets. */
  public InvalidationReport invalidate(String matchId, EventType event) {
    return invalidate(matchId, event, null);
  }

  /**
   * Applies a match event; {@code market} is required for {@link EventType#ODDS_SHOCK} and
   * ignored otherwise.
   *
   * @throws IllegalArgumentException for a blank match id, or ODDS_SHOCK without a market
   * @throws StoreException if the store cannot delete
   */
  public InvalidationReport invalidate(String matchId, EventType event, String market) {
    requireMatchId(matchId);
    Objects.requireNonNull(event, "event");
    generations.bump(matchId);
    InvalidationReport report = invalidator.invalidate(store, matchId, event, market);
    // The event changes what the markets' prices mean: values stamped before it are drifted.
    decider.vix().advanceEpochs(matchId, m -> invalidator.rules().affects(event, m, market));
    metrics.recordSurgicalInvalidation(report.marketsAffected().size(),
        report.keysDeleted(), report.marketsPreserved().size(), report.cpuSavedPct());
    return report;
  }

  /** Removes every key of one match; returns how many. */
  public long invalidateMatch(String matchId) {
    requireMatchId(matchId);
    generations.bump(matchId);
    decider.vix().advanceEpochs(matchId, m -> true);
    long deleted = store.removeMatch(matchId);
    metrics.recordFullInvalidation(deleted);
    return deleted;
  }

  /** Removes every key; returns how many. */
  public long invalidateAll() {
    generations.bumpAll();
    long deleted = store.removeAll();
    metrics.recordFullInvalidation(deleted);
    return deleted;
  }

  /** An immutable snapshot of the counters since their last reset. */
  public CacheStats stats() {
    return stats.snapshot();
  }

  /**
   * The request-duration and served-age histograms, for an exporter (the server's Prometheus
   * collector); empty unless {@link OddsCacheConfig#quantiles()} is {@link Quantiles#HISTOGRAM}.
   */
  public List<HistogramView> histograms() {
    return stats.histograms();
  }

  /** Resets the snapshot view of one category; Prometheus counters stay monotonic. */
  public void resetStats(StatsCategory category) {
    stats.reset(Objects.requireNonNull(category, "category"));
  }

  public int loadsInFlight() {
    return loads.loadsInFlight();
  }

  public OddsCacheConfig config() {
    return config;
  }

  public Decider decider() {
    return decider;
  }

  public PanicBreaker breaker() {
    return decider.breaker();
  }

  public VixDetector vix() {
    return decider.vix();
  }

  /** Whether the backend is under pressure now, and why (see {@link PressureConfig}). */
  public Pressure pressure() {
    return loads.pressure().snapshot();
  }

  public CacheStore<V> store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
  }

  /**
   * The checks every read makes before reading the store. A blank key is rejected later, by
   * {@link #requireKey}, on every path but a fresh hit: a blank key is never stored, so it never
   * is one, and a hit need not touch the key's characters.
   */
  private static void requireRead(String key, MatchContext context, ReadOptions options) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(options, "options");
  }

  /**
   * @throws IllegalArgumentException if {@code key} is blank
   */
  static void requireKey(String key) {
    // Most keys start with a visible character: no scan of the whole key per request.
    if (key.isEmpty() || Character.isWhitespace(key.charAt(0)) && key.isBlank()) {
      throw new IllegalArgumentException("key must not be blank, got '" + key + "'");
    }
  }

  private static void requireMatchId(String matchId) {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("matchId must not be blank, got "
          + (matchId == null ? "null" : "'" + matchId + "'"));
    }
  }

  /** Builds an {@link OddsCache}; every collaborator has a default. Not thread-safe. */
  public static final class Builder<V> {
    private OddsCacheConfig config = OddsCacheConfig.ofDefaults();
    private Ticker ticker = Ticker.system();
    private Scheduler scheduler = Scheduler.system();
    private Executor executor = ForkJoinPool.commonPool();
    private CacheStore<V> store;
    private MeterRegistry meterRegistry;
    private VixDetector vix;
    private BreakerConfig breakerConfig = BreakerConfig.ofDefaults();
    private PanicWindow panicWindow;
    private PanicClock panicClock;
    private DecisionEngine engine = DecisionEngine.ofDefaults();
    private StakesClassifier stakes = StakesClassifier.ofDefaults();
    private ImpactRules impactRules = ImpactRules.ofDefaults();
    private LoadLease lease = LoadLease.local();
    private ValuePolicy<V> valuePolicy = ValuePolicy.none();
    private int maxPanickingMatches = Decider.DEFAULT_MAX_PANICKING_MATCHES;

    private Builder() {}

    /**
     * How many panicking matches the decider remembers for {@code panickingMatches()} and the
     * panic gauge; default {@link Decider#DEFAULT_MAX_PANICKING_MATCHES}.
     *
     * @throws IllegalArgumentException if {@code value} is below 1
     */
    public Builder<V> maxPanickingMatches(int value) {
      this.maxPanickingMatches = MatchCap.atLeastOne("maxPanickingMatches", value);
      return this;
    }

    /**
     * How to read the rules a value states for its own reuse (the proxy's HTTP responses);
     * default: none, every value follows the config.
     */
    public Builder<V> valuePolicy(ValuePolicy<V> value) {
      this.valuePolicy = Objects.requireNonNull(value, "valuePolicy");
      return this;
    }

    /** Cluster-wide single-flight (Redis); default: single-flight within this process. */
    public Builder<V> loadLease(LoadLease value) {
      this.lease = Objects.requireNonNull(value, "loadLease");
      return this;
    }

    public Builder<V> config(OddsCacheConfig value) {
      this.config = Objects.requireNonNull(value, "config");
      return this;
    }

    public Builder<V> ticker(Ticker value) {
      this.ticker = Objects.requireNonNull(value, "ticker");
      return this;
    }

    public Builder<V> scheduler(Scheduler value) {
      this.scheduler = Objects.requireNonNull(value, "scheduler");
      return this;
    }

    /**
     * Runs background refreshes, loads handed over by the bulkhead and, for the default store,
     * Caffeine's maintenance. Default: {@link ForkJoinPool#commonPool()}, as Caffeine's.
     */
    public Builder<V> executor(Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /**
     * Default: an {@link InMemoryStore} with default settings on this builder's ticker, whose
     * maintenance (draining read buffers, evicting) runs on this builder's executor as a plain
     * Caffeine cache's does, instead of on the request thread.
     */
    public Builder<V> store(CacheStore<V> value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** Default: a private {@code SimpleMeterRegistry}. */
    public Builder<V> meterRegistry(MeterRegistry value) {
      this.meterRegistry = Objects.requireNonNull(value, "meterRegistry");
      return this;
    }

    public Builder<V> vixDetector(VixDetector value) {
      this.vix = Objects.requireNonNull(value, "vixDetector");
      return this;
    }

    public Builder<V> breakerConfig(BreakerConfig value) {
      this.breakerConfig = Objects.requireNonNull(value, "breakerConfig");
      return this;
    }

    /** A shared breaker window (Redis); default: a process-local one. */
    public Builder<V> panicWindow(PanicWindow value) {
      this.panicWindow = Objects.requireNonNull(value, "panicWindow");
      return this;
    }

    /** A shared panic clock (Redis); default: a process-local one. */
    public Builder<V> panicClock(PanicClock value) {
      this.panicClock = Objects.requireNonNull(value, "panicClock");
      return this;
    }

    public Builder<V> decisionEngine(DecisionEngine value) {
      this.engine = Objects.requireNonNull(value, "decisionEngine");
      return this;
    }

    public Builder<V> stakesClassifier(StakesClassifier value) {
      this.stakes = Objects.requireNonNull(value, "stakesClassifier");
      return this;
    }

    public Builder<V> impactRules(ImpactRules value) {
      this.impactRules = Objects.requireNonNull(value, "impactRules");
      return this;
    }

    public OddsCache<V> build() {
      if (meterRegistry == null) {
        meterRegistry = new SimpleMeterRegistry();
      }
      if (vix == null) {
        // On this builder's ticker, so a cache on virtual time accepts its feed's ticks.
        vix = new VixDetector(VixConfig.ofDefaults(), ticker);
      }
      if (panicClock == null) {
        panicClock = new LocalPanicClock();
      }
      return new OddsCache<>(this);
    }
  }
}
