package dev.oddscache.redis.store;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.CacheStore;
import java.time.Duration;

/**
 * The store contract for the near-cached Redis store. Two clocks run here: Redis expires keys in
 * real time, the near copies age on the ticker; letting time pass moves both.
 */
class NearCachedStoreContractTest extends RedisStoreContractTest {

  @Override
  protected CacheStore<String> newStore(ManualTicker ticker) {
    return new NearCachedStoreKind().create(ticker);
  }

  @Override
  protected void elapse(Duration amount) {
    super.elapse(amount);
    ticker.advance(amount);
  }
}
