package dev.oddscache.store.memory;

import static dev.oddscache.store.memory.IndexConsistency.assertConsistent;
import static dev.oddscache.store.memory.IndexConsistency.indexedKeys;
import static dev.oddscache.store.memory.IndexConsistency.tags;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Size and weight bounds: evictions keep the tag index consistent. */
class InMemoryStoreEvictionTest {
  private static final Duration LONG = Duration.ofHours(1);
  private static final List<String> MARKETS = List.of("1x2", "btts", "over_under_25", "corners");

  private final ManualTicker ticker = new ManualTicker();

  @Test
  void maximumSize_filledPastIt_evictsAndKeepsTheIndexConsistent() {
    InMemoryStore<String> store =
        new InMemoryStore<>(InMemoryStoreConfig.<String>custom().maximumSize(100).build(), ticker);

    for (int i = 0; i < 1_000; i++) {
      store.put("k" + i, value("v" + i), tagsFor(i), LONG);
    }
    store.cleanUp();

    assertThat(store.estimatedSize()).isBetween(1L, 100L);
    assertConsistent(store);
    assertThat(indexedKeys(store))
        .isEqualTo(store.liveTags().values().stream().filter(t -> !t.isEmpty()).count());
  }

  @Test
  void maximumSize_evictedKeys_areNotCountedByRemovals() {
    InMemoryStore<String> store =
        new InMemoryStore<>(InMemoryStoreConfig.<String>custom().maximumSize(50).build(), ticker);
    for (int i = 0; i < 500; i++) {
      store.put("k" + i, value("v"), tags("m" + (i % 2), "1x2"), LONG);
    }
    store.cleanUp();
    long live = store.liveTags().size();

    long removed = store.removeTagged("m0", List.of("1x2")) + store.removeMatch("m1");

    assertThat(removed).isEqualTo(live);
    assertThat(store.removeAll()).isZero();
    assertThat(store.tagIndex().snapshot()).isEmpty();
  }

  @Test
  void maximumWeight_filledPastIt_evictsByWeightAndKeepsTheIndexConsistent() {
    InMemoryStore<String> store = new InMemoryStore<>(
        InMemoryStoreConfig.<String>custom()
            .maximumWeight(1_000)
            .weigher((String key, String v) -> v.length())
            .build(),
        ticker);

    for (int i = 0; i < 100; i++) {
      store.put("k" + i, value("x".repeat(100)), tagsFor(i), LONG);
    }
    store.cleanUp();

    assertThat(store.liveTags()).hasSizeBetween(1, 10);
    assertConsistent(store);
  }

  @Test
  void maximumWeight_entryHeavierThanTheBound_isEvictedWithItsTags() {
    InMemoryStore<String> store = new InMemoryStore<>(
        InMemoryStoreConfig.<String>custom()
            .maximumWeight(10)
            .weigher((String k, String v) -> v.length())
            .build(),
        ticker);

    store.put("heavy", value("x".repeat(11)), tags("m1", "1x2"), LONG);
    store.cleanUp();

    assertThat(store.get("heavy")).isNull();
    assertThat(store.markets("m1")).isEmpty();
    assertConsistent(store);
  }

  @Test
  void weigher_negativeWeight_rejectsThePutAndChangesNothing() {
    InMemoryStore<String> store = new InMemoryStore<>(
        InMemoryStoreConfig.<String>custom()
            .maximumWeight(10)
            .weigher((String k, String v) -> v.equals("bad") ? -1 : 1)
            .build(),
        ticker);
    store.put("k1", value("good"), tags("m1", "1x2"), LONG);

    assertThatThrownBy(() -> store.put("k1", value("bad"), tags("m2", "btts"), LONG))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weight")
        .hasMessageContaining("-1");

    assertThat(store.get("k1").value()).isEqualTo("good");
    assertThat(store.markets("m1")).containsExactly("1x2");
    assertThat(store.markets("m2")).isEmpty();
    assertConsistent(store);
  }

  private static Tags tagsFor(int i) {
    // Spread keys over matches, single markets, market pairs and match-only tags.
    String matchId = "m" + (i % 7);
    return switch (i % 4) {
      case 0 -> tags(matchId, MARKETS.get(i % MARKETS.size()));
      case 1 -> tags(matchId, MARKETS.get(i % MARKETS.size()), MARKETS.get((i + 1) % MARKETS.size()));
      case 2 -> Tags.of(matchId, Set.of());
      default -> i % 8 == 3 ? Tags.NONE : tags(matchId, "1x2");
    };
  }

  private static StoredValue<String> value(String v) {
    return new StoredValue<>(v, 0, 10, 0);
  }
}
