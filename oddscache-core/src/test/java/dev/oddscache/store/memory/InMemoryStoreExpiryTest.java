package dev.oddscache.store.memory;

import static dev.oddscache.store.memory.IndexConsistency.assertConsistent;
import static dev.oddscache.store.memory.IndexConsistency.tags;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.StoredValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-entry retention on the injected ticker, and the index cleanup that goes with it. */
class InMemoryStoreExpiryTest {
  private final ManualTicker ticker = new ManualTicker();
  private final InMemoryStore<String> store = new InMemoryStore<>(ticker);

  @Test
  void expiry_cleansTheIndex() {
    for (int i = 0; i < 50; i++) {
      store.put("short" + i, value(), tags("m1", "1x2", "btts"), Duration.ofSeconds(10));
      store.put("long" + i, value(), tags("m1", "btts"), Duration.ofMinutes(10));
    }

    // Past the retention by more than Caffeine's ~1.07 s timer-wheel bucket, so cleanUp evicts.
    ticker.advanceSeconds(13);
    store.cleanUp();

    Map<String, Map<String, Set<String>>> index = store.tagIndex().snapshot();
    assertThat(index.get("m1")).containsOnlyKeys("btts");
    assertThat(index.get("m1").get("btts")).hasSize(50).allMatch(k -> k.startsWith("long"));
    assertConsistent(store);

    ticker.advance(Duration.ofMinutes(10));
    store.cleanUp();
    assertThat(store.tagIndex().snapshot()).isEmpty();
    assertThat(store.estimatedSize()).isZero();
  }

  @Test
  void expiry_eachEntryHasItsOwnRetention() {
    store.put("a", value(), tags("m1", "1x2"), Duration.ofSeconds(5));
    store.put("b", value(), tags("m1", "1x2"), Duration.ofSeconds(15));

    ticker.advanceSeconds(10);

    assertThat(store.get("a")).isNull();
    assertThat(store.get("b")).isNotNull();
    assertThat(store.markets("m1")).containsExactly("1x2");
  }

  @Test
  void expiredButNotCleanedKey_isNotListedInMarkets() {
    store.put("a", value(), tags("m1", "1x2"), Duration.ofSeconds(5));
    ticker.advanceSeconds(6);

    // No cleanUp: the index may still hold the key, but it cannot be read.
    assertThat(store.markets("m1")).isEmpty();
    assertThat(store.removeTagged("m1", List.of("1x2"))).isZero();
  }

  @Test
  void expiredKeyRePutWithOtherTags_dropsTheOldTags() {
    store.put("a", value(), tags("m1", "1x2"), Duration.ofSeconds(5));
    ticker.advanceSeconds(6);

    store.put("a", value(), tags("m2", "btts"), Duration.ofSeconds(5));

    assertThat(store.tagIndex().snapshot()).containsOnlyKeys("m2");
    assertConsistent(store);
  }

  private static StoredValue<String> value() {
    return new StoredValue<>("v", 0, 10, 0);
  }
}
