package dev.oddscache.store.memory;

import static dev.oddscache.store.memory.IndexConsistency.assertConsistent;
import static dev.oddscache.store.memory.IndexConsistency.assertConsistentAllowingExpired;
import static dev.oddscache.store.memory.IndexConsistency.assertExpiresToEmpty;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real threads, released together, put, replace and remove overlapping keys while size evictions
 * and expiry run; afterwards the tag index must describe exactly the readable entries.
 */
class InMemoryStoreConcurrencyTest {
  private static final List<String> MARKETS = List.of("1x2", "btts", "over_under_25", "corners");
  private static final int THREADS = 8;
  private static final int OPS_PER_THREAD = 5_000;
  private static final int KEYS = 200;
  private static final int LONGEST_RETENTION_SECONDS = 30;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void mixedOperations_onOverlappingKeys_leaveTheIndexConsistent() throws Exception {
    for (int round = 0; round < 5; round++) {
      ManualTicker ticker = new ManualTicker();
      InMemoryStore<String> store =
          new InMemoryStore<>(InMemoryStoreConfig.<String>custom().maximumSize(64).build(), ticker);

      run(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String key = "k" + random.nextInt(KEYS);
        String matchId = "m" + random.nextInt(3);
        int op = random.nextInt(100);
        if (op < 60) {
          Duration retention = Duration.ofSeconds(1 + random.nextInt(LONGEST_RETENTION_SECONDS));
          store.put(key, value(), randomTags(random, matchId), retention);
        } else if (op < 75) {
          store.removeTagged(matchId, List.of(MARKETS.get(random.nextInt(MARKETS.size()))));
        } else if (op < 85) {
          store.remove(key);
        } else if (op < 90) {
          store.removeMatch(matchId);
        } else if (op < 98) {
          store.get(key);
        } else {
          ticker.advanceSeconds(1);
        }
      });

      assertConsistentAllowingExpired(store);
      assertExpiresToEmpty(store, ticker, Duration.ofSeconds(LONGEST_RETENTION_SECONDS));
    }
  }

  @Test
  void rePutsRacingTagRemovals_neverLoseATag() throws Exception {
    // The race the index design exists for: a key re-put with the same tag while that tag is
    // being removed must end either removed or indexed, never readable and unindexed.
    ManualTicker ticker = new ManualTicker();
    InMemoryStore<String> store = new InMemoryStore<>(ticker);
    Tags goalMarkets = Tags.of("m1", Set.of("1x2", "btts"));

    run(() -> {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      if (random.nextBoolean()) {
        store.put("k" + random.nextInt(8), value(), goalMarkets, Duration.ofHours(1));
      } else {
        store.removeTagged("m1", List.of("1x2"));
      }
    });

    assertConsistent(store);
    Set<String> readable = new HashSet<>(store.liveTags().keySet());
    assertThat(store.removeTagged("m1", List.of("1x2"))).isEqualTo(readable.size());
    assertThat(store.liveTags()).isEmpty();
  }

  private void run(Runnable op) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      done.add(pool.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        for (int i = 0; i < OPS_PER_THREAD; i++) {
          op.run();
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
  }

  private static Tags randomTags(ThreadLocalRandom random, String matchId) {
    int shape = random.nextInt(10);
    if (shape == 0) {
      return Tags.NONE;
    }
    if (shape == 1) {
      return Tags.of(matchId, Set.of());
    }
    Set<String> markets = new HashSet<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      markets.add(MARKETS.get(random.nextInt(MARKETS.size())));
    }
    return Tags.of(matchId, markets);
  }

  private static StoredValue<String> value() {
    return new StoredValue<>("v", 0, 10, 0);
  }
}
