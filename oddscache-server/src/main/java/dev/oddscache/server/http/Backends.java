package dev.oddscache.server.http;

import dev.oddscache.Ticker;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.breaker.RedisPanicWindow;
import dev.oddscache.redis.lease.RedisLoadLease;
import dev.oddscache.redis.panic.RedisPanicClock;
import dev.oddscache.redis.store.NearCachedStore;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.settings.StoreSettings;
import dev.oddscache.store.memory.InMemoryStore;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import java.util.concurrent.Executor;

/**
 * Where the server keeps its state: in memory by default; with {@code --redis}, the store, panic
 * clock and breaker window live in Redis (shared by every server on it), with the near cache and
 * the cluster-wide load lease when enabled. Redis being down never fails a request: each part
 * falls back to process-local state and resynchronises when Redis returns.
 */
final class Backends implements AutoCloseable {
  private final ServerSettings settings;
  private final Ticker ticker;
  private final RedisConnector redis;

  private Backends(ServerSettings settings, Ticker ticker, RedisConnector redis) {
    this.settings = settings;
    this.ticker = ticker;
    this.redis = redis;
  }

  static Backends create(ServerSettings settings, Ticker ticker, Executor executor) {
    RedisConnector redis = settings.store().usesRedis()
        ? RedisConnector.open(settings.store().redisSettings()) : null;
    return new Backends(settings, ticker, redis);
  }

  void configure(OddsCache.Builder<CachedResponse> builder) {
    StoreSettings store = settings.store();
    if (redis == null) {
      builder.store(new InMemoryStore<>(InMemoryStoreConfig.<CachedResponse>custom()
          .maximumSize(store.maxEntries()).build(), ticker));
      // The configured clock, not the default one: its calm grace and memory cap apply here too.
      builder.panicClock(new LocalPanicClock(settings.policy().panicClock()));
      return;
    }
    RedisStore<CachedResponse> shared = new RedisStore<>(redis, CachedResponseCodec.INSTANCE);
    builder.store(store.nearCache()
        ? new NearCachedStore<>(shared, InMemoryStoreConfig.<CachedResponse>custom()
            .maximumSize(store.maxEntries()).build(), ticker)
        : shared);
    builder.panicClock(new RedisPanicClock(redis, settings.policy().panicClock(), ticker));
    builder.panicWindow(
        new RedisPanicWindow(redis, settings.policy().breaker().window(), "proxy"));
    if (store.lease()) {
      builder.loadLease(new RedisLoadLease(redis));
    }
  }

  /** The Redis connection, or null for the in-memory store. */
  RedisConnector redis() {
    return redis;
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
