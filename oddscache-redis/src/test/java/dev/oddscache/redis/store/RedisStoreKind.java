package dev.oddscache.redis.store;

import dev.oddscache.ManualTicker;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoreKind;

/**
 * The Redis store for core's behavioural suites, found by {@link java.util.ServiceLoader}: a
 * {@link RedisStore} of Strings on the {@link SharedRedisServer}, in a namespace of its own.
 *
 * <p>The store ignores the ticker: Redis expires keys on its own clock. The suites still hold,
 * because the cache judges freshness by the stored-at time on the ticker, and the retentions it
 * asks for (at least its staleIfError window, 5 minutes by default) outlive every test.
 */
public final class RedisStoreKind implements StoreKind {
  @Override
  public String name() {
    return "redis";
  }

  @Override
  public CacheStore<String> create(ManualTicker ticker) {
    return new RedisStore<>(SharedRedisServer.connector(), ValueCodec.utf8String(),
        SharedRedisServer.uniqueName());
  }

  @Override
  public String toString() {
    return name();
  }
}
