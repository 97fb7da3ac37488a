package dev.oddscache.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Checks that an {@link InMemoryStore}'s tag index describes exactly its readable entries.
 *
 * <p>Caffeine removes expired entries through a timer wheel whose finest bucket is about 1.07 s
 * of ticker time, so even after {@code cleanUp()} an entry that expired less than that ago may
 * still be in the cache, unreadable, and legitimately still indexed. Tests with pending expiry
 * use {@link #assertConsistentAllowingExpired} and then {@link #assertExpiresToEmpty}.
 */
final class IndexConsistency {
  private IndexConsistency() {}

  /**
   * For a store with no entry near its expiry: runs pending maintenance, then asserts that the
   * index holds exactly the readable tagged keys, each under exactly its tags.
   */
  static void assertConsistent(InMemoryStore<?> store) {
    store.cleanUp();
    assertThat(store.tagIndex().snapshot()).as("tag index vs readable entries")
        .isEqualTo(expected(store));
  }

  /**
   * Runs pending maintenance, then asserts that every readable tagged key is indexed under
   * exactly its tags; keys indexed but unreadable are tolerated, as they may have just expired.
   */
  static void assertConsistentAllowingExpired(InMemoryStore<?> store) {
    store.cleanUp();
    Map<String, Tags> live = store.liveTags();
    Map<String, Map<String, Set<String>>> readableOnly = new TreeMap<>();
    store.tagIndex().snapshot().forEach((matchId, markets) -> markets.forEach((market, keys) -> {
      for (String key : keys) {
        if (live.containsKey(key)) {
          readableOnly.computeIfAbsent(matchId, m -> new TreeMap<>())
              .computeIfAbsent(market, m -> new TreeSet<>())
              .add(key);
        }
      }
    }));
    assertThat(readableOnly)
        .as("tag index, readable keys only, vs readable entries")
        .isEqualTo(expected(store));
  }

  /**
   * Lets every entry expire (time moves past {@code longestRetention} plus two timer-wheel
   * buckets), then asserts that the cache and the index are both empty: an index entry that
   * outlives its cache entry is a leak.
   */
  static void assertExpiresToEmpty(InMemoryStore<?> store, ManualTicker ticker,
      Duration longestRetention) {
    ticker.advance(longestRetention.plusSeconds(3));
    store.cleanUp();
    assertThat(store.liveTags()).isEmpty();
    assertThat(store.tagIndex().snapshot()).as("tag index after everything expired").isEmpty();
    assertThat(store.estimatedSize()).isZero();
  }

  /** The number of keys the index holds, counting each key once. */
  static long indexedKeys(InMemoryStore<?> store) {
    Set<String> keys = new TreeSet<>();
    store.tagIndex().snapshot().values().forEach(markets -> markets.values().forEach(keys::addAll));
    return keys.size();
  }

  static Tags tags(String matchId, String... markets) {
    return Tags.of(matchId, Set.of(markets));
  }

  /** The index the readable entries call for. */
  private static Map<String, Map<String, Set<String>>> expected(InMemoryStore<?> store) {
    Map<String, Map<String, Set<String>>> expected = new TreeMap<>();
    store.liveTags().forEach((key, tags) -> {
      if (!tags.isEmpty()) {
        Set<String> buckets =
            tags.markets().isEmpty() ? Set.of(TagIndex.MATCH_ONLY) : tags.markets();
        for (String market : buckets) {
          expected.computeIfAbsent(tags.matchId(), m -> new TreeMap<>())
              .computeIfAbsent(market, m -> new TreeSet<>())
              .add(key);
        }
      }
    });
    return expected;
  }
}
