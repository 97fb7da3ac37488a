package dev.oddscache.cache;

import dev.oddscache.store.StoredValue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide single-flight, on top of this process's: before a load runs, its key's {@link
 * LoadLease} is claimed. A process that does not get it waits for the holder's value to appear
 * in the shared store, polling every {@code leasePollInterval}; if none appears within {@code
 * leaseWait}, it loads after all (the holder may have died). With the default local lease
 * every claim succeeds and nothing here costs a store read. Thread-safe.
 */
final class LeaseWait<V> {
  private static final Logger log = LoggerFactory.getLogger(OddsCache.class);

  private final CacheServices<V> services;
  private final LoadLease lease;

  LeaseWait(CacheServices<V> services, LoadLease lease) {
    this.services = services;
    this.lease = lease;
  }

  /**
   * Whether another process holds {@code key}'s lease, so this one should wait for its value.
   * A lease store that fails grants: loading twice is better than not loading.
   */
  boolean heldElsewhere(String key) {
    if (lease == LoadLease.local()) {
      return false;
    }
    try {
      return !lease.tryAcquire(key, services.config().leaseTime());
    } catch (RuntimeException e) {
      log.debug("lease failed, loading locally key={} error={}", key, e.toString());
      return false;
    }
  }

  /**
   * Looks for the holder's value for {@code load} until {@code leaseWait} has passed: runs
   * {@code found} with the first one newer than what the requester had and that {@code loader}
   * accepts, or {@code giveUp} once the wait is over. Exactly one of the two runs.
   */
  void awaitHolder(Load<V> load, AsyncLoader<V> loader, Consumer<StoredValue<V>> found,
      Runnable giveUp) {
    long deadlineNanos =
        services.ticker().nanoTime() + services.config().leaseWait().toNanos();
    poll(load, loader, found, giveUp, deadlineNanos);
  }

  private void poll(Load<V> load, AsyncLoader<V> loader, Consumer<StoredValue<V>> found,
      Runnable giveUp, long deadlineNanos) {
    StoredValue<V> current = services.store().read(load.key);
    if (current != null && current.storedAtMillis() > load.knownStoredAtMillis
        && loader.accepts(current.value())) {
      found.accept(current);
      return;
    }
    if (services.ticker().nanoTime() >= deadlineNanos) {
      giveUp.run();
      return;
    }
    services.scheduler().schedule(services.config().leasePollInterval(),
        () -> services.executor().execute(
            () -> poll(load, loader, found, giveUp, deadlineNanos)));
  }

  /** Gives {@code key}'s lease back once its value is stored; best effort. */
  void release(String key) {
    if (lease == LoadLease.local()) {
      return;
    }
    try {
      lease.release(key);
    } catch (RuntimeException e) {
      log.debug("lease release failed key={} error={}", key, e.toString());
    }
  }
}
