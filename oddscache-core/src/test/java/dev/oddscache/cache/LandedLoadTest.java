package dev.oddscache.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A request that reads the store just before another load of its key stores its value, and
 * reaches the in-flight map just after that load left it, saw neither: it must serve that
 * value, not load again (the JMH stampede caught two loads for 1,000 requests on a loaded
 * machine, where a thread can stall for a whole load between the two steps).
 */
class LandedLoadTest {
  private static final MatchContext CALM =
      MatchContext.builder("rma-fcb").markets("1x2").status(Status.NORMAL).build();
  private static final MatchContext PANIC =
      MatchContext.builder("rma-fcb").markets("1x2").status(Status.PANIC).build();

  @Test
  void computeAfterALoadLandedBetweenReadAndRegistration_servesItsValue() throws Exception {
    assertOneLoad(CALM, Strategy.COMPUTE);
  }

  @Test
  void bypassAfterALoadLandedBetweenReadAndRegistration_servesItsValue() throws Exception {
    assertOneLoad(PANIC, Strategy.BYPASS);
  }

  @Test
  void aLaterRequestStillLoadsWhenItsOwnReadMissed() {
    // Nothing completed between the read and the registration: the usual load.
    OddsCache<String> cache = OddsCache.<String>builder().build();
    AtomicInteger loads = new AtomicInteger();
    cache.get("k", PANIC, k -> "v" + loads.incrementAndGet());
    CacheResult<String> second = cache.get("k", PANIC, k -> "v" + loads.incrementAndGet());

    assertThat(second.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(second.value()).isEqualTo("v2");
    assertThat(loads).hasValue(2);
  }

  private static void assertOneLoad(MatchContext context, Strategy expected) throws Exception {
    StallingStore store = new StallingStore(new InMemoryStore<>(Ticker.system()));
    OddsCache<String> cache = OddsCache.<String>builder().store(store).build();
    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<String> backend = new CompletableFuture<>();
    AsyncLoader<String> loader = k -> {
      loads.incrementAndGet();
      return backend;
    };

    CompletableFuture<CacheResult<String>> first = cache.getAsync("k", context, loader);
    store.stallNextRead();
    CompletableFuture<CacheResult<String>> late =
        CompletableFuture.supplyAsync(() -> cache.getAsync("k", context, loader).join());
    assertThat(store.stalled.await(10, TimeUnit.SECONDS)).isTrue();
    // The late request has read (a miss) and is held before it looks for an in-flight load.
    backend.complete("value");
    assertThat(first.get(10, TimeUnit.SECONDS).value()).isEqualTo("value");
    store.release.countDown();

    CacheResult<String> result = late.get(10, TimeUnit.SECONDS);
    assertThat(loads).hasValue(1);
    assertThat(result.value()).isEqualTo("value");
    assertThat(result.strategy()).isEqualTo(expected);
  }

  /** Delegates; one read can be made to return its (missing) answer only when released. */
  private static final class StallingStore implements CacheStore<String> {
    private final CacheStore<String> delegate;
    final CountDownLatch stalled = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean stallNext;

    StallingStore(CacheStore<String> delegate) {
      this.delegate = delegate;
    }

    void stallNextRead() {
      stallNext = true;
    }

    @Override
    public String kind() {
      return delegate.kind();
    }

    @Override
    public StoredValue<String> get(String key) {
      StoredValue<String> value = delegate.get(key);
      if (stallNext) {
        stallNext = false;
        stalled.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return value;
    }

    @Override
    public void put(String key, StoredValue<String> value, Tags tags, Duration retention) {
      delegate.put(key, value, tags, retention);
    }

    @Override
    public boolean remove(String key) {
      return delegate.remove(key);
    }

    @Override
    public long removeTagged(String matchId, Collection<String> markets) {
      return delegate.removeTagged(matchId, markets);
    }

    @Override
    public long removeMatch(String matchId) {
      return delegate.removeMatch(matchId);
    }

    @Override
    public long removeAll() {
      return delegate.removeAll();
    }

    @Override
    public Set<String> markets(String matchId) {
      return delegate.markets(matchId);
    }

    @Override
    public long estimatedSize() {
      return delegate.estimatedSize();
    }
  }
}
