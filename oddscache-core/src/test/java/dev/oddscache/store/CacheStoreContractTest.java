package dev.oddscache.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CacheStore} must show, written against the interface
 * only so that each store runs it unchanged: a subclass supplies {@link #newStore(ManualTicker)}
 * and, for a store that does not run on the ticker (Redis expires keys on its own clock),
 * overrides {@link #shortRetention()}, {@link #elapse(Duration)} and {@link
 * #awaitExpired(String...)}.
 *
 * <p>Each test gets a fresh, empty store; a store that shares a server between tests must give
 * each one its own namespace. Stores are closed after each test.
 */
public abstract class CacheStoreContractTest {
  /** A retention no test outlives. */
  protected static final Duration LONG = Duration.ofHours(1);

  protected ManualTicker ticker;
  protected CacheStore<String> store;

  /** A new, empty store; stores that keep time through a ticker must use {@code ticker}. */
  protected abstract CacheStore<String> newStore(ManualTicker ticker);

  /** The retention used by the expiry tests; a real-time store may want something short. */
  protected Duration shortRetention() {
    return Duration.ofSeconds(10);
  }

  /**
   * Lets {@code amount} of time pass for the store. The default advances the ticker; a store on
   * real time would wait instead.
   */
  protected void elapse(Duration amount) {
    ticker.advance(amount);
  }

  /**
   * Returns once the store has expired {@code keys}, whose retention has ended. A store on the
   * ticker has done so as soon as the ticker passed the deadline, so the default returns at once;
   * a store on its own clock may wait for it, bounded, so that the test checks what expiry left
   * behind (tags, counts) rather than how two clocks line up.
   */
  protected void awaitExpired(String... keys) {}

  @BeforeEach
  void openStore() {
    ticker = new ManualTicker();
    store = newStore(ticker);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void kind_isNamed() {
    assertThat(store.kind()).isNotBlank();
  }

  @Test
  void get_absentKey_returnsNull() {
    assertThat(store.get("nope")).isNull();
  }

  @Test
  void put_thenGet_returnsValueAndMetadata() {
    StoredValue<String> v = new StoredValue<>("price=1.85", 1_767_225_600_123L, 15, 42_000_000L);

    store.put("k1", v, tagged("m1", "1x2"), LONG);

    assertThat(store.get("k1")).isEqualTo(v);
  }

  @Test
  void put_existingKey_replacesTheValue() {
    store.put("k1", value("old"), tagged("m1", "1x2"), LONG);

    store.put("k1", value("new"), tagged("m1", "1x2"), LONG);

    assertThat(store.get("k1").value()).isEqualTo("new");
    assertThat(store.removeTagged("m1", List.of("1x2"))).isEqualTo(1);
  }

  @Test
  void put_replacingWithOtherMarkets_movesTheTags() {
    store.put("k1", value("a"), tagged("m1", "1x2", "btts"), LONG);

    store.put("k1", value("b"), tagged("m1", "btts", "corners"), LONG);

    assertThat(store.markets("m1")).containsExactlyInAnyOrder("btts", "corners");
    assertThat(store.removeTagged("m1", List.of("1x2"))).isZero();
    assertThat(store.get("k1").value()).isEqualTo("b");
    assertThat(store.removeTagged("m1", List.of("corners"))).isEqualTo(1);
    assertThat(store.get("k1")).isNull();
    assertThat(store.markets("m1")).isEmpty();
  }

  @Test
  void put_replacingWithAnotherMatch_movesTheKeyToThatMatch() {
    store.put("k1", value("a"), tagged("m1", "1x2"), LONG);

    store.put("k1", value("b"), tagged("m2", "1x2"), LONG);

    assertThat(store.markets("m1")).isEmpty();
    assertThat(store.removeMatch("m1")).isZero();
    assertThat(store.markets("m2")).containsExactly("1x2");
    assertThat(store.removeTagged("m2", List.of("1x2"))).isEqualTo(1);
  }

  @Test
  void put_replacingTaggedWithUntagged_dropsTheTags() {
    store.put("k1", value("a"), tagged("m1", "1x2"), LONG);

    store.put("k1", value("b"), Tags.NONE, LONG);

    assertThat(store.markets("m1")).isEmpty();
    assertThat(store.removeMatch("m1")).isZero();
    assertThat(store.get("k1").value()).isEqualTo("b");
  }

  @Test
  void put_zeroRetention_storesNothingAndDropsTheOldValue() {
    store.put("k1", value("old"), tagged("m1", "1x2"), LONG);

    store.put("k1", value("new"), tagged("m1", "1x2"), Duration.ZERO);

    assertThat(store.get("k1")).isNull();
    assertThat(store.markets("m1")).isEmpty();
  }

  @Test
  void put_negativeRetention_isRejectedNamingTheField() {
    assertThatThrownBy(() -> store.put("k1", value("a"), Tags.NONE, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention")
        .hasMessageContaining("PT-1S");
  }

  @Test
  void remove_presentKey_returnsTrueAndUntagsIt() {
    store.put("k1", value("a"), tagged("m1", "1x2"), LONG);

    assertThat(store.remove("k1")).isTrue();

    assertThat(store.get("k1")).isNull();
    assertThat(store.markets("m1")).isEmpty();
    assertThat(store.removeTagged("m1", List.of("1x2"))).isZero();
  }

  @Test
  void remove_absentKey_returnsFalse() {
    assertThat(store.remove("nope")).isFalse();
  }

  @Test
  void retention_beforeItEnds_keepsTheValue() {
    store.put("k1", value("a"), tagged("m1", "1x2"), shortRetention());

    elapse(shortRetention().dividedBy(2));

    assertThat(store.get("k1").value()).isEqualTo("a");
    assertThat(store.markets("m1")).containsExactly("1x2");
  }

  @Test
  void retention_afterItEnds_expiresTheValueAndItsTags() {
    store.put("k1", value("a"), tagged("m1", "1x2"), shortRetention());
    store.put("k2", value("b"), tagged("m1", "btts"), LONG);

    elapse(shortRetention().plusMillis(shortRetention().toMillis() / 2));
    awaitExpired("k1");

    assertThat(store.get("k1")).isNull();
    assertThat(store.get("k2").value()).isEqualTo("b");
    assertThat(store.markets("m1")).containsExactly("btts");
    assertThat(store.remove("k1")).isFalse();
  }

  @Test
  void retention_replacingAKey_restartsFromTheNewPut() {
    store.put("k1", value("a"), Tags.NONE, shortRetention());
    elapse(shortRetention().dividedBy(2));

    store.put("k1", value("b"), Tags.NONE, shortRetention());
    elapse(shortRetention().dividedBy(4).multipliedBy(3));

    assertThat(store.get("k1").value()).isEqualTo("b");
  }

  @Test
  void retention_readsDoNotExtendIt() {
    store.put("k1", value("a"), Tags.NONE, shortRetention());
    elapse(shortRetention().dividedBy(2));
    assertThat(store.get("k1")).isNotNull();

    elapse(shortRetention());
    awaitExpired("k1");

    assertThat(store.get("k1")).isNull();
  }

  @Test
  void removals_expiredKeys_areNotCounted() {
    store.put("k1", value("a"), tagged("m1", "1x2"), shortRetention());
    store.put("k2", value("b"), tagged("m1", "1x2"), LONG);
    store.put("k3", value("c"), tagged("m2", "btts"), shortRetention());
    store.put("k4", value("d"), Tags.NONE, shortRetention());
    elapse(shortRetention().multipliedBy(2));
    awaitExpired("k1", "k3", "k4");

    assertThat(store.removeTagged("m1", List.of("1x2"))).isEqualTo(1);
    assertThat(store.removeMatch("m2")).isZero();
    assertThat(store.removeAll()).isZero();
  }

  @Test
  void removeTagged_removesOnlyTheKeysOfThoseMarketsOfThatMatch() {
    store.put("m1-1x2-a", value("a"), tagged("m1", "1x2"), LONG);
    store.put("m1-1x2-b", value("b"), tagged("m1", "1x2"), LONG);
    store.put("m1-ou-a", value("c"), tagged("m1", "over_under_25"), LONG);
    store.put("m1-btts", value("d"), tagged("m1", "btts"), LONG);
    store.put("m2-1x2", value("e"), tagged("m2", "1x2"), LONG);
    store.put("m2-ou", value("f"), tagged("m2", "over_under_25"), LONG);
    store.put("untagged", value("g"), Tags.NONE, LONG);

    long removed = store.removeTagged("m1", List.of("1x2", "over_under_25"));

    assertThat(removed).isEqualTo(3);
    assertThat(readable("m1-1x2-a", "m1-1x2-b", "m1-ou-a", "m1-btts", "m2-1x2", "m2-ou", "untagged"))
        .containsExactlyInAnyOrder("m1-btts", "m2-1x2", "m2-ou", "untagged");
    assertThat(store.markets("m1")).containsExactly("btts");
    assertThat(store.markets("m2")).containsExactlyInAnyOrder("1x2", "over_under_25");
  }

  @Test
  void removeTagged_keyWithSeveralMarkets_isRemovedAndCountedOnce() {
    store.put("k1", value("a"), tagged("m1", "1x2", "btts", "corners"), LONG);

    assertThat(store.removeTagged("m1", List.of("1x2", "btts"))).isEqualTo(1);

    assertThat(store.get("k1")).isNull();
    assertThat(store.markets("m1")).isEmpty();
  }

  @Test
  void removeTagged_oneOfTheKeysMarkets_removesItFromAllItsMarkets() {
    store.put("k1", value("a"), tagged("m1", "1x2", "corners"), LONG);
    store.put("k2", value("b"), tagged("m1", "corners"), LONG);

    assertThat(store.removeTagged("m1", List.of("1x2"))).isEqualTo(1);

    assertThat(store.get("k1")).isNull();
    assertThat(store.markets("m1")).containsExactly("corners");
    assertThat(store.removeTagged("m1", List.of("corners"))).isEqualTo(1);
    assertThat(store.get("k2")).isNull();
  }

  @Test
  void removeTagged_marketIds_areNormalised() {
    store.put("k1", value("a"), tagged("m1", "BTTS"), LONG);

    assertThat(store.markets("m1")).containsExactly("btts");
    assertThat(store.removeTagged("m1", List.of(" Btts "))).isEqualTo(1);
  }

  @Test
  void removeTagged_unknownMatchOrMarketOrNoMarkets_removesNothing() {
    store.put("k1", value("a"), tagged("m1", "1x2"), LONG);

    assertThat(store.removeTagged("m9", List.of("1x2"))).isZero();
    assertThat(store.removeTagged("m1", List.of("btts"))).isZero();
    assertThat(store.removeTagged("m1", List.of())).isZero();
    assertThat(store.get("k1")).isNotNull();
  }

  @Test
  void removeMatch_removesEveryKeyOfTheMatchOnly() {
    store.put("m1-a", value("a"), tagged("m1", "1x2"), LONG);
    store.put("m1-b", value("b"), tagged("m1", "btts", "corners"), LONG);
    store.put("m1-none", value("c"), Tags.of("m1", Set.of()), LONG);
    store.put("m2-a", value("d"), tagged("m2", "1x2"), LONG);
    store.put("untagged", value("e"), Tags.NONE, LONG);

    assertThat(store.removeMatch("m1")).isEqualTo(3);

    assertThat(readable("m1-a", "m1-b", "m1-none", "m2-a", "untagged"))
        .containsExactlyInAnyOrder("m2-a", "untagged");
    assertThat(store.markets("m1")).isEmpty();
    assertThat(store.removeMatch("m1")).isZero();
  }

  @Test
  void removeAll_removesEveryKeyAndCountsIt() {
    store.put("a", value("a"), tagged("m1", "1x2"), LONG);
    store.put("b", value("b"), tagged("m2", "btts", "corners"), LONG);
    store.put("c", value("c"), Tags.NONE, LONG);

    assertThat(store.removeAll()).isEqualTo(3);

    assertThat(readable("a", "b", "c")).isEmpty();
    assertThat(store.markets("m1")).isEmpty();
    assertThat(store.markets("m2")).isEmpty();
    assertThat(store.removeAll()).isZero();
  }

  @Test
  void removeAll_emptyStore_returnsZero() {
    assertThat(store.removeAll()).isZero();
  }

  @Test
  void markets_listsTheMarketsWithKeys() {
    store.put("a", value("a"), tagged("m1", "1x2", "over_under_25"), LONG);
    store.put("b", value("b"), tagged("m1", "1x2"), LONG);
    store.put("c", value("c"), tagged("m2", "btts"), LONG);

    assertThat(store.markets("m1")).containsExactlyInAnyOrder("1x2", "over_under_25");
    assertThat(store.markets("m2")).containsExactly("btts");
    assertThat(store.markets("m3")).isEmpty();

    store.remove("b");
    assertThat(store.markets("m1")).containsExactlyInAnyOrder("1x2", "over_under_25");
    store.remove("a");
    assertThat(store.markets("m1")).isEmpty();
  }

  @Test
  void markets_keyWithAMatchButNoMarkets_listsNoMarket() {
    store.put("a", value("a"), Tags.of("m1", Set.of()), LONG);

    assertThat(store.markets("m1")).isEmpty();
    assertThat(store.get("a")).isNotNull();
  }

  @Test
  void untaggedKeys_surviveTagAndMatchRemovals() {
    store.put("u", value("u"), Tags.NONE, LONG);
    store.put("t", value("t"), tagged("m1", "1x2"), LONG);

    store.removeTagged("m1", List.of("1x2"));
    store.removeMatch("m1");

    assertThat(store.get("u").value()).isEqualTo("u");
    assertThat(store.remove("u")).isTrue();
  }

  /**
   * Writers re-put keys with random tags while removers remove tags. Each value names its market,
   * so once everything has stopped a final tag removal must leave no readable key of that market:
   * a key that lost its tag in a race would survive it.
   */
  @Test
  void concurrentPutsAndTagRemovals_neverLeaveAReadableKeyOutOfItsTags() throws Exception {
    List<String> markets = List.of("1x2", "btts", "corners", "over_under_25");
    int keys = 32;
    int threads = 8;
    int rounds = iterationsPerThread();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier start = new CyclicBarrier(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        boolean remover = t % 4 == 0;
        done.add(pool.submit(() -> {
          start.await(10, TimeUnit.SECONDS);
          ThreadLocalRandom random = ThreadLocalRandom.current();
          for (int i = 0; i < rounds; i++) {
            String market = markets.get(random.nextInt(markets.size()));
            if (remover) {
              store.removeTagged("m1", List.of(market));
            } else {
              store.put("k" + random.nextInt(keys), value(market), tagged("m1", market), LONG);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    for (String market : markets) {
      store.removeTagged("m1", List.of(market));
      for (int k = 0; k < keys; k++) {
        StoredValue<String> v = store.get("k" + k);
        assertThat(v == null ? null : v.value()).as("k%d after removing %s", k, market).isNotEqualTo(market);
      }
    }
    assertThat(store.markets("m1")).isEmpty();
  }

  /** How many operations each thread of the concurrency test runs; a remote store may lower it. */
  protected int iterationsPerThread() {
    return 2_000;
  }

  protected static StoredValue<String> value(String v) {
    return new StoredValue<>(v, 1_767_225_600_000L, 10, 1_000_000L);
  }

  protected static Tags tagged(String matchId, String... markets) {
    return Tags.of(matchId, Set.of(markets));
  }

  /** Which of {@code keys} can be read. */
  protected List<String> readable(String... keys) {
    List<String> found = new ArrayList<>();
    for (String key : keys) {
      if (store.get(key) != null) {
        found.add(key);
      }
    }
    return found;
  }
}
