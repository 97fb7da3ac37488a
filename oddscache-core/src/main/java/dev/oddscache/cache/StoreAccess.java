package dev.oddscache.cache;

import dev.oddscache.stats.CacheMetrics;
import dev.oddscache.stats.ErrorKind;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store as the read path uses it: a failed read is a miss and a failed write or removal is
 * skipped, each counted as a store error, because the backend can still answer. A {@link
 * StoreException} is an outage and logs at DEBUG; anything else is a store bug and logs at WARN.
 */
final class StoreAccess<V> {
  private static final Logger log = LoggerFactory.getLogger(OddsCache.class);

  private final CacheStore<V> store;
  private final CacheMetrics metrics;

  StoreAccess(CacheStore<V> store, CacheMetrics metrics) {
    this.store = store;
    this.metrics = metrics;
  }

  StoredValue<V> read(String key) {
    try {
      return store.get(key);
    } catch (RuntimeException e) {
      failed("get", key, e);
      return null;
    }
  }

  void write(String key, StoredValue<V> value, Tags tags, Duration retention) {
    try {
      store.put(key, value, tags, retention);
    } catch (RuntimeException e) {
      failed("put", key, e);
    }
  }

  void remove(String key) {
    try {
      store.remove(key);
    } catch (RuntimeException e) {
      failed("remove", key, e);
    }
  }

  private void failed(String operation, String key, RuntimeException e) {
    metrics.recordError(ErrorKind.STORE);
    if (!(e instanceof StoreException)) {
      log.warn("store {} failed unexpectedly key={}", operation, key, e);
    } else if (log.isDebugEnabled()) {
      log.debug("store {} failed key={} error={}", operation, key, e.toString());
    }
  }
}
