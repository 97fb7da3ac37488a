package dev.oddscache.cache;

import dev.oddscache.decision.Decision;
import dev.oddscache.stats.ErrorKind;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Single-flight loading: at most one load per key is in flight in this process, and every
 * request for the key while it runs shares its outcome, value or failure, once. A new load
 * needs a {@link Bulkhead} permit and, with a shared {@link LoadLease}, the key's lease
 * ({@link LeaseWait}). A loaded value is stored unless an invalidation of its match happened
 * since the load began ({@link InvalidationGenerations}). Thread-safe.
 */
final class LoadCoordinator<V> {
  /** Whether a new load may wait for a permit: a request's may, a background refresh's not. */
  private enum Admission { QUEUE, IMMEDIATE }

  private final CacheServices<V> services;
  private final Bulkhead bulkhead;
  private final LeaseWait<V> leases;
  private final InvalidationGenerations generations;
  private final BackendPressure pressure;
  private final ConcurrentHashMap<String, Load<V>> inFlight = new ConcurrentHashMap<>();
  /**
   * Loads completed so far, counted after their value is stored and before they leave {@link
   * #inFlight}. A request reads it before its store read: if it changed by the time the request
   * registers a load of its own, a load may have finished in between, unseen by both the read
   * and the in-flight lookup, and the store is read again before loading.
   */
  private final AtomicLong loadsCompleted = new AtomicLong();

  LoadCoordinator(CacheServices<V> services, Bulkhead bulkhead, LoadLease lease,
      InvalidationGenerations generations) {
    this.services = services;
    this.bulkhead = bulkhead;
    this.pressure = new BackendPressure(services.config().pressure(), bulkhead,
        services.config().maxConcurrentLoads(), services.ticker());
    this.leases = new LeaseWait<>(services, lease);
    this.generations = generations;
  }

  /** Loads completed so far; a read takes it before its store read. */
  long completed() {
    return loadsCompleted.get();
  }

  boolean isInFlight(String key) {
    return inFlight.containsKey(key);
  }

  /** Whether every load permit is taken: a new load would have to wait. */
  boolean noPermitFree() {
    return bulkhead.isFull();
  }

  int loadsInFlight() {
    return bulkhead.inUse();
  }

  BackendPressure pressure() {
    return pressure;
  }

  /**
   * Joins the key's in-flight load or starts one for {@code request}, waiting up to {@code
   * loadQueueTimeout} for a permit; fails with {@link OverloadException} if none frees up.
   */
  CompletableFuture<StoredValue<V>> load(ReadRequest<V> request, AsyncLoader<V> loader) {
    return start(request, loader, null, Admission.QUEUE);
  }

  /**
   * As {@link #load}, except that a value another load of the key stored after this request's
   * store read, and that {@code suits} the request, answers it instead of a new load.
   */
  CompletableFuture<StoredValue<V>> loadUnlessLanded(ReadRequest<V> request,
      AsyncLoader<V> loader, Predicate<StoredValue<V>> suits) {
    return start(request, loader, suits, Admission.QUEUE);
  }

  /**
   * Joins the key's in-flight load or starts a refresh of the request's stored value; without
   * a free permit it fails at once with {@link OverloadException}, never queued.
   */
  CompletableFuture<StoredValue<V>> refresh(ReadRequest<V> request, AsyncLoader<V> loader) {
    return start(request, loader, null, Admission.IMMEDIATE);
  }

  /** @param landedSuits null: no second store read before loading */
  private CompletableFuture<StoredValue<V>> start(ReadRequest<V> request, AsyncLoader<V> loader,
      Predicate<StoredValue<V>> landedSuits, Admission admission) {
    String key = request.key();
    Load<V> existing = inFlight.get(key);
    if (existing != null) {
      return existing.future;
    }
    // Tags are only needed to store a loaded value, so hits never build them.
    Tags tags = Tags.of(request.context().matchId(), request.context().markets());
    Load<V> load = new Load<>(key, tags, request.decision(), generations.stamp(tags.matchId()),
        request.entry());
    existing = inFlight.putIfAbsent(key, load);
    if (existing != null) {
      return existing.future;
    }
    if (landedSuits != null && loadsCompleted.get() != request.loadsCompletedBefore()) {
      // Another load of this key may have stored its value after this request's read and left
      // the in-flight map before this registration: one more load would break single-flight
      // from the caller's point of view (a stampede would load twice).
      StoredValue<V> landed = services.store().read(key);
      if (landed != null && landed.storedAtMillis() > load.knownStoredAtMillis
          && loader.accepts(landed.value()) && landedSuits.test(landed)) {
        inFlight.remove(key, load);
        load.future.complete(landed);
        return load.future;
      }
    }
    Runnable onTimeout = () -> {
      inFlight.remove(key, load);
      services.metrics().recordError(ErrorKind.OVERLOAD);
      OddsCacheConfig config = services.config();
      load.future.completeExceptionally(new OverloadException("no load slot for key '" + key
          + "' within " + config.loadQueueTimeout() + " (" + config.maxConcurrentLoads()
          + " loads in flight)"));
    };
    if (admission == Admission.IMMEDIATE) {
      if (bulkhead.tryAcquire()) {
        run(load, loader);
      } else {
        onTimeout.run();
      }
    } else {
      bulkhead.acquire(services.config().loadQueueTimeout(), () -> run(load, loader), onTimeout);
    }
    return load.future;
  }

  /** Runs with a permit held: loads here, or waits for the process that holds the lease. */
  private void run(Load<V> load, AsyncLoader<V> loader) {
    if (leases.heldElsewhere(load.key)) {
      leases.awaitHolder(load, loader, value -> adopt(load, value), () -> invoke(load, loader));
      return;
    }
    invoke(load, loader);
  }

  /** The lease holder stored the value: it answers this load as if it had run here. */
  private void adopt(Load<V> load, StoredValue<V> value) {
    bulkhead.release();
    services.metrics().recordLoadSuccess(0);
    loadsCompleted.incrementAndGet();
    inFlight.remove(load.key, load);
    load.future.complete(value);
  }

  private void invoke(Load<V> load, AsyncLoader<V> loader) {
    long startNanos = services.ticker().nanoTime();
    if (services.config().freshness() == Freshness.DRIFT && load.tags.matchId() != null) {
      // Before the loader runs: a price that moves while it computes makes the value drifted.
      load.drift = services.decider().vix().stamp(load.tags.matchId(), load.tags.markets(),
          services.ticker().epochMillis());
    }
    pressure.loadStarted();
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
    long nanos = services.ticker().nanoTime() - startNanos;
    pressure.loadCompleted(nanos);
    Throwable cause = error != null ? Futures.unwrap(error)
        : value == null
            ? new IllegalStateException("loader returned null for key '" + load.key + "'")
            : null;
    if (cause != null) {
      services.metrics().recordLoadFailure(nanos);
      services.metrics().recordError(ErrorKind.LOAD);
      inFlight.remove(load.key, load);
      load.future.completeExceptionally(cause);
      return;
    }
    ValueRules rules = services.rules().of(value);
    Decision decision = rules.explicitTtl()
        ? services.decider().rebase(load.decision, rules.baseTtlSeconds()) : load.decision;
    StoredValue<V> stored = new StoredValue<>(
        value, services.ticker().epochMillis(), decision.ttlSeconds(), nanos, load.drift);
    String matchId = load.tags.matchId();
    // A value that may not be stored still answers every request waiting for this load; what
    // the key held before stays (a newer answer's no-store does not invalidate an older one).
    if (rules.storable() && generations.unchangedSince(matchId, load.stamp)) {
      services.store().write(load.key, stored, load.tags,
          Retention.of(decision, rules, services.config(), load.drift));
      if (!generations.unchangedSince(matchId, load.stamp)) {
        // An invalidation landed during the write: the value predates the event.
        services.store().remove(load.key);
      }
    }
    services.metrics().recordLoadSuccess(nanos);
    loadsCompleted.incrementAndGet();
    inFlight.remove(load.key, load);
    leases.release(load.key);
    load.future.complete(stored);
  }
}
