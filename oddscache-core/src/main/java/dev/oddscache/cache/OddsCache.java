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
import dev.oddscache.decision.Decision;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.invalidation.InvalidationReport;
import dev.oddscache.invalidation.Invalidator;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.stats.CacheStats;
import dev.oddscache.stats.CacheStatsRecorder;
import dev.oddscache.stats.ErrorKind;
import dev.oddscache.stats.StatsCategory;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.store.memory.InMemoryStore;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import dev.oddscache.vix.VixDetector;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * @param <V> the type of the cached values; opaque to the cache
 */
public final class OddsCache<V> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OddsCache.class);

  private final OddsCacheConfig config;
  private final Ticker ticker;
  private final Executor executor;
  private final CacheStore<V> store;
  private final Decider decider;
  private final Invalidator invalidator;
  private final CacheStatsRecorder stats;
  private final Bulkhead bulkhead;
  private final Scheduler scheduler;
  private final LoadLease lease;
  private final ValuePolicy<V> valuePolicy;
  private final InvalidationGenerations generations = new InvalidationGenerations();
  private final ConcurrentHashMap<String, Load<V>> inFlight = new ConcurrentHashMap<>();
  /**
   * Loads completed so far, counted after their value is stored and before they leave {@link
   * #inFlight}. A request reads it before its store read: if it changed by the time the request
   * registers a load of its own, a load may have finished in between, unseen by both the read
   * and the in-flight lookup, and the store is read again before loading (see {@link #load}).
   */
  private final AtomicLong loadsCompleted = new AtomicLong();

  private OddsCache(Builder<V> b) {
    this.config = b.config;
    this.ticker = b.ticker;
    this.executor = b.executor;
    this.store = b.store != null ? b.store
        : new InMemoryStore<>(InMemoryStoreConfig.ofDefaults(), b.ticker, b.executor);
    PanicBreaker breaker = PanicBreaker.of(b.breakerConfig, b.ticker,
        b.panicWindow != null ? b.panicWindow : new LocalPanicWindow(b.breakerConfig.window()));
    this.decider = new Decider(b.engine, b.vix, breaker, b.panicClock, b.stakes, b.ticker);
    this.invalidator = new Invalidator(b.impactRules);
    this.stats = new CacheStatsRecorder(b.meterRegistry, config.latencySampleRate(),
        config.percentiles());
    this.bulkhead = new Bulkhead(config.maxConcurrentLoads(), b.scheduler, b.executor);
    this.scheduler = b.scheduler;
    this.lease = b.lease;
    this.valuePolicy = b.valuePolicy;
    PanicClock clock = b.panicClock;
    stats.bindGauges(this::loadsInFlight,
        () -> store.health() != StoreHealth.HEALTHY || clock.inFallback(),
        decider::panicMatchesByTier);
    new BreakerMetrics(breaker).bindTo(b.meterRegistry);
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
    requireKey(key);
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(loader, "loader");
    long startNanos = ticker.nanoTime();
    long now = ticker.epochMillis();
    if (!config.enabled()) {
      Decision decision = decider.decide(context, now);
      return await(startNanos, Strategy.COMPUTE, decision, options, null, ValueRules.DEFAULT,
          false, load(key, context, decision, loader, true, null, 0, null));
    }
    long completions = loadsCompleted.get();
    StoredValue<V> entry = read(key);
    if (entry != null && !loader.accepts(entry.value())) {
      entry = null;
    }
    // The decision comes after the read: a value that states its own freshness (an HTTP
    // response's max-age) is its base TTL.
    ValueRules rules = rulesOf(entry);
    Decision decision = decider.decide(context, now, rules.baseTtlSeconds());
    CacheResult<V> fresh = freshHit(startNanos, decision, options, entry, now);
    if (fresh != null) {
      return CompletableFuture.completedFuture(fresh);
    }
    return serveNotFresh(startNanos, key, context, decision, options, entry, rules, loader,
        completions);
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
  public CacheResult<V> get(String key, MatchContext context, ReadOptions options, Loader<V> loader) {
    Objects.requireNonNull(loader, "loader");
    requireKey(key);
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(options, "options");
    long startNanos = ticker.nanoTime();
    long now = ticker.epochMillis();
    CompletableFuture<CacheResult<V>> pending;
    if (!config.enabled()) {
      Decision decision = decider.decide(context, now);
      pending = await(startNanos, Strategy.COMPUTE, decision, options, null, ValueRules.DEFAULT,
          false, load(key, context, decision, inline(loader), true, null, 0, null));
    } else {
      long completions = loadsCompleted.get();
      StoredValue<V> entry = read(key);
      if (entry != null && !loader.accepts(entry.value())) {
        entry = null;
      }
      ValueRules rules = rulesOf(entry);
      Decision decision = decider.decide(context, now, rules.baseTtlSeconds());
      // The common case, a fresh hit, is answered here: no future, no loader adapter.
      CacheResult<V> fresh = freshHit(startNanos, decision, options, entry, now);
      if (fresh != null) {
        return fresh;
      }
      pending = serveNotFresh(startNanos, key, context, decision, options, entry, rules,
          inline(loader), completions);
    }
    try {
      return pending.get();
    } catch (ExecutionException e) {
      throw asRuntime(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LoadFailedException("interrupted while waiting for key '" + key + "'", e);
    }
  }

  /** Runs a synchronous loader on the thread that loads, as a completed future. */
  private static <V> AsyncLoader<V> inline(Loader<V> loader) {
    return new AsyncLoader<>() {
      @Override
      public CompletableFuture<V> load(String key) {
        return run(key, () -> loader.load(key));
      }

      @Override
      public CompletableFuture<V> reload(String key, V oldValue) {
        return run(key, () -> loader.reload(key, oldValue));
      }

      @Override
      public boolean accepts(V stored) {
        return loader.accepts(stored);
      }
    };
  }

  private static <V> CompletableFuture<V> run(String key, java.util.concurrent.Callable<V> load) {
    try {
      return CompletableFuture.completedFuture(load.call());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } catch (Exception e) {
      return CompletableFuture.failedFuture(
          new LoadFailedException("loader failed for key '" + key + "'", e));
    } catch (Error e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The rules {@code entry}'s value states for itself; the config's for none. */
  private ValueRules rulesOf(StoredValue<V> entry) {
    return entry == null ? ValueRules.DEFAULT : rulesOf(entry.value());
  }

  private ValueRules rulesOf(V value) {
    try {
      ValueRules rules = valuePolicy.rules(value);
      return rules == null ? ValueRules.DEFAULT : rules;
    } catch (RuntimeException e) {
      log.debug("value policy failed, using the config's rules: {}", e.toString());
      return ValueRules.DEFAULT;
    }
  }

  /** The answer when {@code entry} may be served as fresh; null otherwise. Records it. */
  private CacheResult<V> freshHit(long startNanos, Decision decision, ReadOptions options,
      StoredValue<V> entry, long now) {
    long ttlMillis = decision.ttlSeconds() * 1000;
    if (entry == null || options.noCache() || ttlMillis == 0) {
      return null;
    }
    long age = entry.ageMillis(now);
    if (age >= ttlMillis - options.minFresh().toMillis()) {
      return null;
    }
    record(startNanos, Strategy.SERVE_FRESH, decision, false, false, age);
    return new CacheResult<>(entry.value(), Strategy.SERVE_FRESH, age, decision, false, false);
  }

  /** Everything but a fresh hit: bypass, stale-while-revalidate, or a (coalesced) load. */
  private CompletableFuture<CacheResult<V>> serveNotFresh(
      long startNanos, String key, MatchContext context, Decision decision, ReadOptions options,
      StoredValue<V> entry, ValueRules rules, AsyncLoader<V> loader, long completions) {
    long ttlMillis = decision.ttlSeconds() * 1000;
    if (ttlMillis == 0 && entry != null && !options.noCache() && options.maxStale() != null
        && !rules.revalidate() && options.allowsStale(entry.ageMillis(ticker.epochMillis()))) {
      // The caller chose staleness (max-stale=N): a stored value within it is served even when
      // the decision says reload (a panic), and one refresh starts.
      refreshInBackground(key, context, decision, loader, entry);
      return served(startNanos, Strategy.SERVE_STALE, decision, entry,
          entry.ageMillis(ticker.epochMillis()), true, false, false);
    }
    if (options.noCache() || ttlMillis == 0) {
      return serveLoaded(startNanos, Strategy.BYPASS, decision, options, entry, rules, false, key,
          context, loader, completions);
    }
    if (entry != null) {
      long age = entry.ageMillis(ticker.epochMillis());
      long pastTtl = age - ttlMillis;
      if (pastTtl >= 0 && pastTtl < rules.staleWindowMillis(config, ttlMillis)
          && options.allowsStale(pastTtl)) {
        refreshInBackground(key, context, decision, loader, entry);
        return served(startNanos, Strategy.SERVE_STALE, decision, entry, age, true, false, false);
      }
    }
    return serveLoaded(startNanos, Strategy.COMPUTE, decision, options, entry, rules,
        entry != null, key, context, loader, completions);
  }

  private CompletableFuture<CacheResult<V>> serveLoaded(
      long startNanos, Strategy strategy, Decision decision, ReadOptions options,
      StoredValue<V> entry, ValueRules rules, boolean tooStale, String key, MatchContext context,
      AsyncLoader<V> loader, long completions) {
    if (entry != null && !rules.revalidate() && bulkhead.isFull() && !inFlight.containsKey(key)) {
      long age = entry.ageMillis(ticker.epochMillis());
      if (age <= config.maxStaleOnOverload().toMillis()
          && options.allowsStale(age - decision.ttlSeconds() * 1000)) {
        return served(startNanos, strategy, decision, entry, age, true, false, true);
      }
    }
    // What a value stored by another load of this key, completed while this request was
    // between its store read and its own load, must satisfy to be served instead of loading.
    // For a bypass, being there at all suffices: load() only takes a value newer than the one
    // this request read, so it was written after this request began, by a load this request
    // could as well have joined in flight. Comparing the value's wall-clock stamp with
    // a start derived from nanoTime instead was off by a millisecond often enough to fail.
    // Otherwise, it must be fresh for this request.
    long freshMillis = decision.ttlSeconds() * 1000 - options.minFresh().toMillis();
    Predicate<StoredValue<V>> suits = strategy == Strategy.BYPASS
        ? v -> true
        : v -> v.ageMillis(ticker.epochMillis()) < freshMillis;
    return await(startNanos, strategy, decision, options, entry, rules, tooStale,
        load(key, context, decision, loader, true, entry, completions, suits));
  }

  private CompletableFuture<CacheResult<V>> await(
      long startNanos, Strategy strategy, Decision decision, ReadOptions options,
      StoredValue<V> entry, ValueRules rules, boolean tooStale,
      CompletableFuture<StoredValue<V>> load) {
    CompletableFuture<CacheResult<V>> result = new CompletableFuture<>();
    load.whenComplete((loaded, error) -> {
      long now = ticker.epochMillis();
      if (error == null) {
        long age = loaded.ageMillis(now);
        // The request was decided before its value existed; one that states its own freshness
        // is reported with it.
        ValueRules loadedRules = rulesOf(loaded.value());
        Decision served = loadedRules.explicitTtl()
            ? decider.rebase(decision, loadedRules.baseTtlSeconds()) : decision;
        record(startNanos, strategy, served, tooStale, false, age);
        result.complete(new CacheResult<>(loaded.value(), strategy, age, served, false, false));
        return;
      }
      Throwable cause = unwrap(error);
      boolean overload = cause instanceof OverloadException;
      long limit = overload
          ? (rules.revalidate() ? -1 : config.maxStaleOnOverload().toMillis())
          : rules.staleIfErrorMillis(config);
      if (entry != null && limit >= 0) {
        long age = entry.ageMillis(now);
        if ((overload ? age <= limit : age < limit)
            && options.allowsStale(age - decision.ttlSeconds() * 1000)) {
          record(startNanos, strategy, decision, tooStale, true, age);
          result.complete(new CacheResult<>(entry.value(), strategy, age, decision, !overload, overload));
          return;
        }
      }
      record(startNanos, strategy, decision, tooStale, false, -1);
      result.completeExceptionally(cause);
    });
    return result;
  }

  private CompletableFuture<CacheResult<V>> served(
      long startNanos, Strategy strategy, Decision decision, StoredValue<V> entry, long age,
      boolean stale, boolean staleOnError, boolean overloaded) {
    record(startNanos, strategy, decision, false, stale, age);
    return CompletableFuture.completedFuture(
        new CacheResult<>(entry.value(), strategy, age, decision, staleOnError, overloaded));
  }

  /** Starts at most one refresh per key, never on the caller's thread, never queued. */
  private void refreshInBackground(String key, MatchContext context, Decision decision,
      AsyncLoader<V> loader, StoredValue<V> known) {
    if (inFlight.containsKey(key) || bulkhead.isFull()) {
      return;
    }
    try {
      executor.execute(() -> load(key, context, decision, loader, false, known, 0, null)
          .whenComplete((v, e) -> {
            if (e != null && unwrap(e) instanceof OverloadException) {
              return;
            }
            safely(() -> stats.recordRefresh(e == null));
            if (e != null && log.isDebugEnabled()) {
              log.debug("background refresh failed key={} error={}", key, unwrap(e).toString());
            }
          }));
    } catch (RuntimeException rejected) {
      log.debug("background refresh not scheduled key={} error={}", key, rejected.toString());
    }
  }

  /**
   * Joins the key's in-flight load or starts one. A new load needs a bulkhead permit: it waits
   * for one up to {@code loadQueueTimeout} when {@code mayQueue}, else fails at once.
   */
  private CompletableFuture<StoredValue<V>> load(String key, MatchContext context,
      Decision decision, AsyncLoader<V> loader, boolean mayQueue, StoredValue<V> known,
      long completionsSeen, Predicate<StoredValue<V>> landedSuits) {
    Load<V> existing = inFlight.get(key);
    if (existing != null) {
      return existing.future;
    }
    // Tags are only needed to store a loaded value, so hits never build them.
    Tags tags = Tags.of(context.matchId(), context.markets());
    Load<V> load = new Load<>(key, tags, decision, generations.stamp(tags.matchId()), known);
    existing = inFlight.putIfAbsent(key, load);
    if (existing != null) {
      return existing.future;
    }
    if (landedSuits != null && loadsCompleted.get() != completionsSeen) {
      // Another load of this key may have stored its value after this request's read and left
      // the in-flight map before this registration: one more load would break single-flight
      // from the caller's point of view (a stampede would load twice).
      StoredValue<V> landed = read(key);
      if (landed != null && landed.storedAtMillis() > load.knownStoredAtMillis
          && loader.accepts(landed.value()) && landedSuits.test(landed)) {
        inFlight.remove(key, load);
        load.future.complete(landed);
        return load.future;
      }
    }
    Runnable onTimeout = () -> {
      inFlight.remove(key, load);
      safely(() -> stats.recordError(ErrorKind.OVERLOAD));
      load.future.completeExceptionally(new OverloadException("no load slot for key '" + key
          + "' within " + config.loadQueueTimeout() + " (" + config.maxConcurrentLoads()
          + " loads in flight)"));
    };
    if (!mayQueue) {
      if (bulkhead.tryAcquire()) {
        run(load, loader);
      } else {
        onTimeout.run();
      }
    } else {
      bulkhead.acquire(config.loadQueueTimeout(), () -> run(load, loader), onTimeout);
    }
    return load.future;
  }

  private void run(Load<V> load, AsyncLoader<V> loader) {
    if (lease != LoadLease.local() && !tryLease(load.key)) {
      awaitLeaseHolder(load, loader, ticker.nanoTime() + config.leaseWait().toNanos());
      return;
    }
    invoke(load, loader);
  }

  private boolean tryLease(String key) {
    try {
      return lease.tryAcquire(key, config.leaseTime());
    } catch (RuntimeException e) {
      log.debug("lease failed, loading locally key={} error={}", key, e.toString());
      return true;
    }
  }

  /**
   * Another process holds the key's lease and is loading it: look for its value in the shared
   * store every poll interval; if none appears within {@code leaseWait}, load here after all (the
   * holder may have died).
   */
  private void awaitLeaseHolder(Load<V> load, AsyncLoader<V> loader, long deadlineNanos) {
    StoredValue<V> current = read(load.key);
    if (current != null && current.storedAtMillis() > load.knownStoredAtMillis
        && loader.accepts(current.value())) {
      bulkhead.release();
      safely(() -> stats.recordLoad(true, 0));
      loadsCompleted.incrementAndGet();
      inFlight.remove(load.key, load);
      load.future.complete(current);
      return;
    }
    if (ticker.nanoTime() >= deadlineNanos) {
      invoke(load, loader);
      return;
    }
    scheduler.schedule(config.leasePollInterval(),
        () -> executor.execute(() -> awaitLeaseHolder(load, loader, deadlineNanos)));
  }

  private void invoke(Load<V> load, AsyncLoader<V> loader) {
    long startNanos = ticker.nanoTime();
    CompletableFuture<V> future;
    try {
      future = load.known == null ? loader.load(load.key)
          : loader.reload(load.key, load.known.value());
      if (future == null) {
        future = CompletableFuture.failedFuture(new IllegalStateException(
            "loader returned a null future for key '" + load.key + "'"));
      }
    } catch (Throwable t) {
      future = CompletableFuture.failedFuture(t);
    }
    future.whenComplete((value, error) -> complete(load, value, error, startNanos));
  }

  private void complete(Load<V> load, V value, Throwable error, long startNanos) {
    bulkhead.release();
    long nanos = ticker.nanoTime() - startNanos;
    Throwable cause = error != null ? unwrap(error)
        : value == null ? new IllegalStateException("loader returned null for key '" + load.key + "'")
        : null;
    if (cause != null) {
      safely(() -> {
        stats.recordLoad(false, nanos);
        stats.recordError(ErrorKind.LOAD);
      });
      inFlight.remove(load.key, load);
      load.future.completeExceptionally(cause);
      return;
    }
    ValueRules rules = rulesOf(value);
    Decision decision = rules.explicitTtl()
        ? decider.rebase(load.decision, rules.baseTtlSeconds()) : load.decision;
    StoredValue<V> stored =
        new StoredValue<>(value, ticker.epochMillis(), decision.ttlSeconds(), nanos);
    String matchId = load.tags.matchId();
    // A value that may not be stored still answers every request waiting for this load; what
    // the key held before stays (a newer answer's no-store does not invalidate an older one).
    if (rules.storable() && generations.unchangedSince(matchId, load.stamp)) {
      write(load.key, stored, load.tags, retention(decision, rules));
      if (!generations.unchangedSince(matchId, load.stamp)) {
        // An invalidation landed during the write: the value predates the event.
        removeQuietly(load.key);
      }
    }
    safely(() -> stats.recordLoad(true, nanos));
    loadsCompleted.incrementAndGet();
    inFlight.remove(load.key, load);
    if (lease != LoadLease.local()) {
      releaseLease(load.key);
    }
    load.future.complete(stored);
  }

  private void releaseLease(String key) {
    try {
      lease.release(key);
    } catch (RuntimeException e) {
      log.debug("lease release failed key={} error={}", key, e.toString());
    }
  }

  /** How long to keep a value: its TTL and stale window, and long enough for the fallbacks. */
  private Duration retention(Decision decision, ValueRules rules) {
    long ttlMillis = decision.ttlSeconds() * 1000;
    long keep = Math.max(ttlMillis + rules.staleWindowMillis(config, ttlMillis),
        Math.max(rules.staleIfErrorMillis(config), config.maxStaleOnOverload().toMillis()));
    return Duration.ofMillis(Math.max(1, keep));
  }

  private StoredValue<V> read(String key) {
    try {
      return store.get(key);
    } catch (RuntimeException e) {
      storeFailed("get", key, e);
      return null;
    }
  }

  private void write(String key, StoredValue<V> value, Tags tags, Duration retention) {
    try {
      store.put(key, value, tags, retention);
    } catch (RuntimeException e) {
      storeFailed("put", key, e);
    }
  }

  private void removeQuietly(String key) {
    try {
      store.remove(key);
    } catch (RuntimeException e) {
      storeFailed("remove", key, e);
    }
  }

  private void storeFailed(String operation, String key, RuntimeException e) {
    safely(() -> stats.recordError(ErrorKind.STORE));
    if (!(e instanceof StoreException)) {
      log.warn("store {} failed unexpectedly key={}", operation, key, e);
    } else if (log.isDebugEnabled()) {
      log.debug("store {} failed key={} error={}", operation, key, e.toString());
    }
  }

  private void record(long startNanos, Strategy strategy, Decision decision, boolean tooStale,
      boolean servedStale, long servedAgeMillis) {
    try {
      stats.recordRequest(strategy, decision, tooStale, servedStale, servedAgeMillis);
      stats.recordLatency(ticker.nanoTime() - startNanos);
    } catch (RuntimeException e) {
      metricsFailed(e);
    }
  }

  private void safely(Runnable metricsUpdate) {
    try {
      metricsUpdate.run();
    } catch (RuntimeException e) {
      metricsFailed(e);
    }
  }

  private void metricsFailed(RuntimeException e) {
    try {
      stats.recordError(ErrorKind.METRICS);
    } catch (RuntimeException ignored) {
      // Metrics are best effort; the request already has its answer.
    }
    log.debug("metrics recording failed: {}", e.toString());
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
    safely(() -> stats.recordSurgicalInvalidation(report.marketsAffected().size(),
        report.keysDeleted(), report.marketsPreserved().size(), report.cpuSavedPct()));
    return report;
  }

  /** Removes every key of one match; returns how many. */
  public long invalidateMatch(String matchId) {
    requireMatchId(matchId);
    generations.bump(matchId);
    long deleted = store.removeMatch(matchId);
    safely(() -> stats.recordFullInvalidation(deleted));
    return deleted;
  }

  /** Removes every key; returns how many. */
  public long invalidateAll() {
    generations.bumpAll();
    long deleted = store.removeAll();
    safely(() -> stats.recordFullInvalidation(deleted));
    return deleted;
  }

  /** An immutable snapshot of the counters since their last reset. */
  public CacheStats stats() {
    return stats.snapshot();
  }

  /** Resets the snapshot view of one category; Prometheus counters stay monotonic. */
  public void resetStats(StatsCategory category) {
    stats.reset(Objects.requireNonNull(category, "category"));
  }

  public int loadsInFlight() {
    return bulkhead.inUse();
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

  public CacheStore<V> store() {
    return store;
  }

  @Override
  public void close() {
    store.close();
  }

  private static void requireKey(String key) {
    Objects.requireNonNull(key, "key");
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

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static RuntimeException asRuntime(Throwable t) {
    Throwable cause = unwrap(t);
    if (cause instanceof RuntimeException re) {
      return re;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new LoadFailedException("load failed", cause);
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
    private ImpactRules impactRules = ImpactRules.defaults();
    private LoadLease lease = LoadLease.local();
    private ValuePolicy<V> valuePolicy = ValuePolicy.none();

    private Builder() {}

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
        vix = VixDetector.ofDefaults();
      }
      if (panicClock == null) {
        panicClock = new LocalPanicClock();
      }
      return new OddsCache<>(this);
    }
  }
}
