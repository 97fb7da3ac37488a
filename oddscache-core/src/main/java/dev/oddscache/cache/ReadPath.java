package dev.oddscache.cache;

import dev.oddscache.MatchContext;
import dev.oddscache.decision.Decision;
import dev.oddscache.stats.CacheMetrics;
import dev.oddscache.store.StoredValue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one read is answered: fresh from the store; stale while one background refresh runs
 * (stale-while-revalidate, or within the caller's {@code maxStale}); or from a coalesced load,
 * with stale-if-error and stale-on-overload as fallbacks. Records every answer. Thread-safe.
 */
final class ReadPath<V> {
  private static final Logger log = LoggerFactory.getLogger(OddsCache.class);
  /** The start of a request whose latency is not sampled. */
  private static final long NOT_TIMED = Long.MIN_VALUE;

  private final CacheServices<V> services;
  private final OddsCacheConfig config;
  private final CacheMetrics metrics;
  private final LoadCoordinator<V> loads;
  private final DriftRule drift;

  ReadPath(CacheServices<V> services, LoadCoordinator<V> loads) {
    this.services = services;
    this.config = services.config();
    this.metrics = services.metrics();
    this.loads = loads;
    this.drift = new DriftRule(config.freshness(), services.decider().vix(), loads.pressure());
  }

  /**
   * The read {@code get} and {@code getAsync} share: reads the key, decides the request, and
   * answers a fresh hit at once; anything else goes to {@code mode}'s slower path. A stored
   * value the loader does not accept is a miss. A disabled cache reads nothing.
   */
  <L, R> R read(String key, MatchContext context, ReadOptions options, L loader,
      ReadMode<V, L, R> mode) {
    // Only a sampled request reads the precise clock, twice, for its latency; everything else
    // on a hit (ages, the decision, the breaker's second) uses one coarse reading.
    long startNanos = metrics.sampleLatency() ? services.ticker().nanoTime() : NOT_TIMED;
    long now = services.ticker().coarseEpochMillis();
    if (!config.enabled()) {
      OddsCache.requireKey(key);
      Decision decision = services.decider().decide(context, now);
      return mode.notFresh(this, new ReadRequest<>(key, context, options, startNanos, null,
          ValueRules.DEFAULT, decision, 0, DriftVerdict.NOT_APPLIED), loader);
    }
    long completions = loads.completed();
    StoredValue<V> entry = services.store().read(key);
    if (entry != null && !mode.accepts(loader, entry.value())) {
      entry = null;
    }
    // The decision comes after the read: a value that states its own freshness (an HTTP
    // response's max-age) is its base TTL.
    ValueRules rules = services.rules().of(entry);
    Decision decision = services.decider().decide(key, context, now, rules.baseTtlSeconds());
    DriftVerdict verdict = drift.verdict(entry, context, decision, now);
    // The common case: answered here, before the request value exists.
    CacheResult<V> fresh = freshHit(startNanos, now, entry, decision, verdict, options);
    if (fresh != null) {
      return mode.fresh(fresh);
    }
    OddsCache.requireKey(key);
    return mode.notFresh(this, new ReadRequest<>(key, context, options, startNanos, entry, rules,
        decision, completions, verdict), loader);
  }

  /** The answer when {@code entry} may be served as fresh; null otherwise. */
  private CacheResult<V> freshHit(long startNanos, long now, StoredValue<V> entry,
      Decision decision, DriftVerdict verdict, ReadOptions options) {
    long ttlMillis = DriftRule.ttlMillis(decision, verdict);
    if (entry == null || options.noCache() || ttlMillis == 0) {
      return null;
    }
    long age = entry.ageMillis(now);
    long minFresh = options == ReadOptions.DEFAULT ? 0 : options.minFresh().toMillis();
    if (age >= ttlMillis - minFresh) {
      return null;
    }
    return answer(startNanos, Strategy.SERVE_FRESH, decision, verdict, entry, entry, age,
        StaleReason.NONE);
  }

  /** Everything but a fresh hit: bypass, stale-while-revalidate, or a (coalesced) load. */
  CompletableFuture<CacheResult<V>> serveNotFresh(ReadRequest<V> request,
      AsyncLoader<V> loader) {
    if (!config.enabled()) {
      return await(request, Strategy.COMPUTE, loads.load(request, loader));
    }
    StoredValue<V> entry = request.entry();
    ReadOptions options = request.options();
    ValueRules rules = request.rules();
    long ttlMillis = request.ttlMillis();
    if (ttlMillis == 0 && entry != null && !options.noCache() && options.maxStale() != null
        && !rules.revalidate() && request.drift() != DriftVerdict.DRIFTED
        && options.allowsStale(entry.ageMillis(now()))) {
      // The caller chose staleness (max-stale=N): a stored value within it is served even when
      // the decision says reload (a panic), and one refresh starts; not one whose prices moved,
      // which is no longer the answer however stale the caller would take it.
      refreshInBackground(request, loader);
      return served(request, Strategy.SERVE_STALE, entry.ageMillis(now()),
          StaleReason.REVALIDATING);
    }
    if (options.noCache() || ttlMillis == 0) {
      return serveLoaded(request, Strategy.BYPASS, loader);
    }
    if (entry != null) {
      long age = entry.ageMillis(now());
      long pastTtl = age - ttlMillis;
      if (pastTtl >= 0 && pastTtl < rules.staleWindowMillis(config, ttlMillis)
          && options.allowsStale(pastTtl)) {
        refreshInBackground(request, loader);
        return served(request, Strategy.SERVE_STALE, age, StaleReason.REVALIDATING);
      }
    }
    return serveLoaded(request, Strategy.COMPUTE, loader);
  }

  private CompletableFuture<CacheResult<V>> serveLoaded(ReadRequest<V> request,
      Strategy strategy, AsyncLoader<V> loader) {
    StoredValue<V> entry = request.entry();
    if (entry != null && !request.rules().revalidate() && loads.noPermitFree()
        && !loads.isInFlight(request.key())) {
      long age = entry.ageMillis(now());
      if (age <= config.maxStaleOnOverload().toMillis()
          && request.options().allowsStale(age - request.ttlMillis())) {
        return served(request, strategy, age, StaleReason.OVERLOADED);
      }
    }
    // What a value stored by another load of this key, completed while this request was
    // between its store read and its own load, must satisfy to be served instead of loading.
    // For a bypass, being there at all suffices: the coordinator only takes a value newer than
    // the one this request read, so it was written after this request began, by a load this
    // request could as well have joined in flight. Comparing the value's wall-clock stamp with
    // a start derived from nanoTime instead was off by a millisecond often enough to fail.
    // Otherwise, it must be fresh for this request.
    // Either way, under price drift a value whose load started before the latest move is not.
    long freshMillis = request.ttlMillis() - request.options().minFresh().toMillis();
    Predicate<StoredValue<V>> suits = strategy == Strategy.BYPASS
        ? v -> !drift.drifted(v, now())
        : v -> v.ageMillis(now()) < freshMillis && !drift.drifted(v, now());
    return await(request, strategy, loads.loadUnlessLanded(request, loader, suits));
  }

  /** The answer once {@code load} completes: its value, else a stored fallback, else its error. */
  private CompletableFuture<CacheResult<V>> await(ReadRequest<V> request, Strategy strategy,
      CompletableFuture<StoredValue<V>> load) {
    // A request that loads although a value was stored found it too old to serve.
    boolean tooStale = strategy == Strategy.COMPUTE && request.entry() != null;
    CompletableFuture<CacheResult<V>> result = new CompletableFuture<>();
    load.whenComplete((loaded, error) -> {
      long now = now();
      if (tooStale) {
        metrics.recordTooStale();
      }
      if (error == null) {
        long age = loaded.ageMillis(now);
        // The request was decided before its value existed; one that states its own freshness
        // is reported with it.
        ValueRules loadedRules = services.rules().of(loaded.value());
        Decision served = loadedRules.explicitTtl()
            ? services.decider().rebase(request.decision(), loadedRules.baseTtlSeconds())
            : request.decision();
        result.complete(answer(request.startNanos(), strategy, served, request.drift(),
            request.entry(), loaded, age, StaleReason.NONE));
        return;
      }
      Throwable cause = Futures.unwrap(error);
      boolean overload = cause instanceof OverloadException;
      ValueRules rules = request.rules();
      long limit = overload
          ? (rules.revalidate() ? -1 : config.maxStaleOnOverload().toMillis())
          : rules.staleIfErrorMillis(config);
      StoredValue<V> entry = request.entry();
      if (entry != null && limit >= 0) {
        long age = entry.ageMillis(now);
        if ((overload ? age <= limit : age < limit)
            && request.options().allowsStale(age - request.ttlMillis())) {
          StaleReason reason = overload ? StaleReason.OVERLOADED : StaleReason.LOAD_FAILED;
          result.complete(answer(request.startNanos(), strategy, request.decision(),
              request.drift(), entry, entry, age, reason));
          return;
        }
      }
      metrics.recordFailedRequest(strategy, request.decision());
      recordLatency(request.startNanos());
      result.completeExceptionally(cause);
    });
    return result;
  }

  /** The request's stored value, served without a load. */
  private CompletableFuture<CacheResult<V>> served(ReadRequest<V> request, Strategy strategy,
      long age, StaleReason reason) {
    return CompletableFuture.completedFuture(answer(request.startNanos(), strategy,
        request.decision(), request.drift(), request.entry(), request.entry(), age, reason));
  }

  /**
   * Records the answer, then makes it. {@code value} is the value served; the drift reason
   * describes {@code found}, the stored value the request found (for a load, the one replaced).
   */
  private CacheResult<V> answer(long startNanos, Strategy strategy, Decision decision,
      DriftVerdict verdict, StoredValue<V> found, StoredValue<V> value, long age,
      StaleReason reason) {
    metrics.recordRequest(strategy, decision, reason, age);
    recordLatency(startNanos);
    Decision explained = verdict == DriftVerdict.NOT_APPLIED ? decision
        : drift.explained(decision, verdict, found.drift());
    return new CacheResult<>(value.value(), strategy, age, explained, reason, verdict);
  }

  private void recordLatency(long startNanos) {
    if (startNanos != NOT_TIMED) {
      metrics.recordSampledLatency(services.ticker().nanoTime() - startNanos);
    }
  }

  /** Starts at most one refresh per key, never on the caller's thread, never queued. */
  private void refreshInBackground(ReadRequest<V> request, AsyncLoader<V> loader) {
    String key = request.key();
    if (loads.isInFlight(key) || loads.noPermitFree()) {
      return;
    }
    try {
      services.executor().execute(() -> loads.refresh(request, loader)
          .whenComplete((v, e) -> {
            if (e == null) {
              metrics.recordRefreshSuccess();
              return;
            }
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof OverloadException) {
              return;
            }
            metrics.recordRefreshFailure();
            if (log.isDebugEnabled()) {
              log.debug("background refresh failed key={} error={}", key, cause.toString());
            }
          }));
    } catch (RuntimeException rejected) {
      log.debug("background refresh not scheduled key={} error={}", key, rejected.toString());
    }
  }

  private long now() {
    return services.ticker().epochMillis();
  }
}
