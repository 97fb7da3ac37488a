package dev.oddscache.redis.store;

import dev.oddscache.ManualTicker;
import dev.oddscache.redis.testing.RedisTimeTravel;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.CacheStoreContractTest;
import dev.oddscache.testing.Poll;
import java.time.Duration;

/**
 * The store contract against a real standalone Redis. Redis expires keys on its own clock; the
 * contract's "time passes" shortens every key's TTL by that amount (RedisTimeTravel), so expiry
 * is checked without waiting.
 */
class RedisStoreContractTest extends CacheStoreContractTest {
  /** Long enough that a loaded machine does not outlive "half the retention" by accident. */
  static final Duration SHORT = Duration.ofSeconds(1);
  static final Duration EXPIRY_BOUND = Duration.ofSeconds(3);

  @Override
  protected CacheStore<String> newStore(ManualTicker ticker) {
    return new RedisStoreKind().create(ticker);
  }

  @Override
  protected Duration shortRetention() {
    return SHORT;
  }

  /** Redis expires on its own clock: shorten every TTL instead of waiting for it. */
  @Override
  protected void elapse(Duration amount) {
    RedisTimeTravel.elapse(java.util.List.of(SharedRedisServer.uri()), amount);
  }

  @Override
  protected void awaitExpired(String... keys) {
    for (String key : keys) {
      Poll.await(key + " expired").atMost(EXPIRY_BOUND).until(() -> store.get(key) == null);
    }
  }

  @Override
  protected int iterationsPerThread() {
    return 500;
  }
}
