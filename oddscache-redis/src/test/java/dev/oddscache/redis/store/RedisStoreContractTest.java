package dev.oddscache.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.CacheStoreContractTest;
import java.time.Duration;

/**
 * The store contract against a real standalone Redis. Redis expires keys on its own clock, so
 * time passes for real: retentions are short, and expiry is awaited by polling, bounded.
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

  /** Time passing is what these tests are about, so this one waits for real. */
  @Override
  protected void elapse(Duration amount) {
    try {
      Thread.sleep(amount.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected void awaitExpired(String... keys) {
    for (String key : keys) {
      boolean gone = Poll.until(EXPIRY_BOUND, () -> store.get(key) == null);
      assertThat(gone).as("%s expired within %s", key, EXPIRY_BOUND).isTrue();
    }
  }

  @Override
  protected int iterationsPerThread() {
    return 500;
  }
}
