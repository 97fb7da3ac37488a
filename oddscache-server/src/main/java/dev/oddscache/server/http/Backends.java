package dev.oddscache.server.http;

import dev.oddscache.Ticker;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.breaker.RedisPanicWindow;
import dev.oddscache.redis.lease.RedisLoadLease;
import dev.oddscache.redis.panic.RedisPanicClock;
import dev.oddscache.redis.store.NearCachedStore;
import dev.oddscache.redis.store.RedisStore;
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
    RedisConnector redis = settings.redisUri() == null ? null
        : RedisConnector.open(settings.redisSettings());
    return new Backends(settings, ticker, redis);
  }

  void configure(OddsCache.Builder<CachedResponse> builder) {
    if (redis == null) {
      builder.store(new InMemoryStore<>(InMemoryStoreConfig.<CachedResponse>custom()
          .maximumSize(settings.maxStoreEntries()).build(), ticker));
      return;
    }
    RedisStore<CachedResponse> store = new RedisStore<>(redis, CachedResponseCodec.INSTANCE);
    builder.store(settings.nearCache()
        ? new NearCachedStore<>(store, InMemoryStoreConfig.<CachedResponse>custom()
            .maximumSize(settings.maxStoreEntries()).build(), ticker)
        : store);
    builder.panicClock(new RedisPanicClock(redis, settings.panicClock(), ticker));
    builder.panicWindow(new RedisPanicWindow(redis, settings.breaker().window(), "proxy"));
    if (settings.lease()) {
      builder.loadLease(new RedisLoadLease(redis));
    }
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
    }
  }
}
