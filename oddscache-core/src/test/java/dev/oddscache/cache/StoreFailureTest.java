package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A store that fails every call never fails a request: it is a miss, and loads still work. */
class StoreFailureTest {

  /** Stands in for a store whose backend is unreachable; not a mock of Redis. */
  static final class BrokenStore implements CacheStore<String> {
    @Override public String kind() { return "broken"; }
    @Override public StoredValue<String> get(String key) { throw new StoreException("down"); }
    @Override public void put(String key, StoredValue<String> v, Tags t, Duration r) {
      throw new StoreException("down");
    }
    @Override public boolean remove(String key) { throw new StoreException("down"); }
    @Override public long removeTagged(String m, Collection<String> markets) {
      throw new StoreException("down");
    }
    @Override public long removeMatch(String matchId) { throw new StoreException("down"); }
    @Override public long removeAll() { throw new StoreException("down"); }
    @Override public Set<String> markets(String matchId) { throw new StoreException("down"); }
    @Override public long estimatedSize() { return 0; }
    @Override public StoreHealth health() { return StoreHealth.FALLBACK; }
  }

  @Test
  void requestsSucceedThroughLoadsAndErrorsAreCounted() {
    ManualTicker ticker = new ManualTicker();
    OddsCache<String> cache = OddsCache.<String>builder().ticker(ticker).executor(Runnable::run)
        .store(new BrokenStore()).build();

    for (int i = 0; i < 5; i++) {
      CacheResult<String> r = cache.getAsync("k", calm(10),
          k -> CompletableFuture.completedFuture("v")).join();
      assertThat(r.value()).isEqualTo("v");
      assertThat(r.strategy()).isEqualTo(Strategy.COMPUTE);
    }
    assertThat(cache.stats().toMap()).containsEntry("cache_errors", 10L);
  }
}
