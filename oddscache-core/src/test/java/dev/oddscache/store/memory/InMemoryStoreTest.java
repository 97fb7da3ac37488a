package dev.oddscache.store.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.CacheStoreContractTest;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The store contract, plus what is particular to the in-memory store. */
class InMemoryStoreTest extends CacheStoreContractTest {

  @Override
  protected CacheStore<String> newStore(ManualTicker ticker) {
    return new InMemoryStore<>(InMemoryStoreConfig.ofDefaults(), ticker);
  }

  private InMemoryStore<String> memory() {
    return (InMemoryStore<String>) store;
  }

  @Test
  void kind_isMemoryAndHealthy() {
    assertThat(store.kind()).isEqualTo("memory");
    assertThat(store.health()).isEqualTo(StoreHealth.HEALTHY);
  }

  @Test
  void estimatedSize_countsStoredKeys() {
    store.put("a", value("a"), tagged("m1", "1x2"), LONG);
    store.put("b", value("b"), Tags.NONE, LONG);

    assertThat(store.estimatedSize()).isEqualTo(2);
    store.remove("a");
    assertThat(store.estimatedSize()).isEqualTo(1);
  }

  @Test
  void put_hugeRetention_isCappedNotOverflowed() {
    store.put("k1", value("a"), tagged("m1", "1x2"), Duration.ofDays(365L * 10_000));

    ticker.advance(Duration.ofDays(365L * 100));

    assertThat(store.get("k1")).isNotNull();
  }

  @Test
  void put_nullArguments_areRejectedNamingTheField() {
    assertThatThrownBy(() -> store.put(null, value("a"), Tags.NONE, LONG)).hasMessage("key");
    assertThatThrownBy(() -> store.put("k", null, Tags.NONE, LONG)).hasMessage("value");
    assertThatThrownBy(() -> store.put("k", value("a"), null, LONG)).hasMessage("tags");
    assertThatThrownBy(() -> store.put("k", value("a"), Tags.NONE, null)).hasMessage("retention");
  }

  @Test
  void removeTagged_blankMarket_isRejectedNamingTheField() {
    assertThatThrownBy(() -> store.removeTagged("m1", List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("market");
  }

  @Test
  void replacements_keepTheIndexConsistent() {
    store.put("k1", value("a"), tagged("m1", "1x2", "btts"), LONG);
    store.put("k1", value("b"), tagged("m1", "btts", "corners"), LONG);
    store.put("k2", value("c"), Tags.of("m1", Set.of()), LONG);
    store.put("k2", value("d"), tagged("m2", "1x2"), LONG);
    store.put("k3", value("e"), tagged("m2", "1x2"), LONG);
    store.put("k3", value("f"), Tags.NONE, LONG);

    IndexConsistency.assertConsistent(memory());
    assertThat(memory().tagIndex().snapshot()).containsOnlyKeys("m1", "m2");
  }

  @Test
  void removals_leaveNoEmptySetsOrMatchesInTheIndex() {
    store.put("a", value("a"), tagged("m1", "1x2", "btts"), LONG);
    store.put("b", value("b"), Tags.of("m1", Set.of()), LONG);
    store.put("c", value("c"), tagged("m2", "btts"), LONG);

    store.removeTagged("m1", List.of("btts"));
    store.removeMatch("m1");
    store.remove("c");

    assertThat(memory().tagIndex().snapshot()).isEmpty();
  }

  @Test
  void executor_runsTheMaintenance() {
    AtomicInteger tasks = new AtomicInteger();
    InMemoryStore<String> counted = new InMemoryStore<>(
        InMemoryStoreConfig.<String>custom().maximumSize(10).build(), ticker, task -> {
          tasks.incrementAndGet();
          task.run();
        });

    for (int i = 0; i < 50; i++) {
      counted.put("k" + i, value("v"), tagged("m1", "1x2"), LONG);
    }

    assertThat(tasks).hasPositiveValue();
    IndexConsistency.assertConsistent(counted);
  }
}
