package dev.oddscache.redis.store;

import dev.oddscache.ManualTicker;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoreKind;
import dev.oddscache.store.memory.InMemoryStoreConfig;

/**
 * The near-cached Redis store for core's behavioural suites: a {@link NearCachedStore} whose
 * near copies age on the suite's ticker, over a {@link RedisStore} in a namespace of its own on
 * the {@link SharedRedisServer}.
 */
public final class NearCachedStoreKind implements StoreKind {
  @Override
  public String name() {
    return "redis-near";
  }

  @Override
  public CacheStore<String> create(ManualTicker ticker) {
    RedisStore<String> redis = new RedisStore<>(SharedRedisServer.connector(),
        ValueCodec.utf8String(), SharedRedisServer.uniqueName());
    return new NearCachedStore<>(redis, InMemoryStoreConfig.ofDefaults(), ticker);
  }

  @Override
  public String toString() {
    return name();
  }
}
