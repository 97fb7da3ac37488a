package dev.oddscache.store.memory;

import dev.oddscache.store.Tags;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The tag index of an {@link InMemoryStore}: match id, then market, then the keys stored with that
 * {@code (matchId, market)} tag, so that an invalidation finds exactly the keys of the markets it
 * affects.
 *
 * <p>Keys tagged with a match but no market are kept under the reserved market {@link
 * #MATCH_ONLY}, so that removing the whole match finds them; {@link #markets(String)} never
 * reports it. Untagged keys ({@link Tags#NONE}) are not indexed.
 *
 * <p>Thread-safety: every method may be called concurrently. All changes to one match happen
 * inside {@link ConcurrentHashMap#compute} on that match's entry, so empty key sets and empty
 * matches are removed atomically with the change that emptied them, and a concurrent add can
 * never land in a set that is being dropped. Reads take no lock and see a weakly consistent view.
 *
 * <p>The index itself does not know which keys are readable: {@link InMemoryStore} calls {@link
 * #retag} and {@link #remove} while holding the lock of the key's cache entry, which is what keeps
 * the index consistent with the cache.
 */
final class TagIndex {
  /** The market under which keys with a match but no markets are indexed; never a real id. */
  static final String MATCH_ONLY = "";

  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Set<String>>> byMatch =
      new ConcurrentHashMap<>();

  /**
   * Moves {@code key} from {@code oldTags} (null for a new key) to {@code newTags}. Tags present in
   * both are never removed, not even briefly, so a concurrent tag removal cannot miss the key.
   */
  void retag(String key, Tags oldTags, Tags newTags) {
    if (oldTags == null || oldTags.isEmpty()) {
      add(key, newTags);
    } else if (newTags.isEmpty()) {
      remove(key, oldTags);
    } else if (oldTags.matchId().equals(newTags.matchId())) {
      Set<String> added = buckets(newTags);
      Set<String> dropped = new HashSet<>(buckets(oldTags));
      dropped.removeAll(added);
      byMatch.compute(newTags.matchId(), (matchId, markets) -> {
        ConcurrentHashMap<String, Set<String>> m = markets == null ? new ConcurrentHashMap<>() : markets;
        added.forEach(market -> m.computeIfAbsent(market, x -> ConcurrentHashMap.newKeySet()).add(key));
        dropped.forEach(market -> dropKey(m, market, key));
        return m.isEmpty() ? null : m;
      });
    } else {
      // Another match: the tags live under two index entries, so two separate updates; both
      // happen under the key's cache lock, before the new value becomes readable.
      add(key, newTags);
      remove(key, oldTags);
    }
  }

  /** Indexes {@code key} under each of {@code tags}. */
  void add(String key, Tags tags) {
    if (tags.isEmpty()) {
      return;
    }
    Set<String> buckets = buckets(tags);
    byMatch.compute(tags.matchId(), (matchId, markets) -> {
      ConcurrentHashMap<String, Set<String>> m = markets == null ? new ConcurrentHashMap<>() : markets;
      buckets.forEach(market -> m.computeIfAbsent(market, x -> ConcurrentHashMap.newKeySet()).add(key));
      return m;
    });
  }

  /** Removes {@code key} from each of {@code tags}, dropping sets and matches left empty. */
  void remove(String key, Tags tags) {
    if (tags.isEmpty()) {
      return;
    }
    Set<String> buckets = buckets(tags);
    byMatch.computeIfPresent(tags.matchId(), (matchId, markets) -> {
      buckets.forEach(market -> dropKey(markets, market, key));
      return markets.isEmpty() ? null : markets;
    });
  }

  /** A snapshot of the keys tagged with {@code matchId} and any of {@code markets}. */
  Set<String> keys(String matchId, Collection<String> markets) {
    Map<String, Set<String>> m = byMatch.get(matchId);
    Set<String> keys = new HashSet<>();
    if (m != null) {
      for (String market : markets) {
        Set<String> tagged = m.get(market);
        if (tagged != null) {
          keys.addAll(tagged);
        }
      }
    }
    return keys;
  }

  /** A snapshot of every key tagged with {@code matchId}, with or without markets. */
  Set<String> keysOfMatch(String matchId) {
    Map<String, Set<String>> m = byMatch.get(matchId);
    Set<String> keys = new HashSet<>();
    if (m != null) {
      m.values().forEach(keys::addAll);
    }
    return keys;
  }

  /**
   * The markets of {@code matchId} (without {@link #MATCH_ONLY}) with at least one key that passes
   * {@code live}: the index may still hold expired entries that Caffeine has not cleaned up, and
   * a market whose keys have all expired has no cached value left.
   */
  Set<String> markets(String matchId, Predicate<String> live) {
    Map<String, Set<String>> m = byMatch.get(matchId);
    Set<String> markets = new TreeSet<>();
    if (m != null) {
      m.forEach((market, keys) -> {
        if (!MATCH_ONLY.equals(market) && keys.stream().anyMatch(live)) {
          markets.add(market);
        }
      });
    }
    return markets;
  }

  /** A sorted deep copy of the whole index, for tests and diagnostics. */
  Map<String, Map<String, Set<String>>> snapshot() {
    Map<String, Map<String, Set<String>>> copy = new TreeMap<>();
    byMatch.forEach((matchId, markets) -> {
      Map<String, Set<String>> m = new TreeMap<>();
      markets.forEach((market, keys) -> m.put(market, new TreeSet<>(keys)));
      copy.put(matchId, m);
    });
    return copy;
  }

  private static Set<String> buckets(Tags tags) {
    return tags.markets().isEmpty() ? Set.of(MATCH_ONLY) : tags.markets();
  }

  private static void dropKey(ConcurrentHashMap<String, Set<String>> markets, String market, String key) {
    markets.computeIfPresent(market, (x, keys) -> {
      keys.remove(key);
      return keys.isEmpty() ? null : keys;
    });
  }
}
