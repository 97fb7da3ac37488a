package dev.oddscache.store.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalListener;
import com.github.benmanes.caffeine.cache.Weigher;
import dev.oddscache.Markets;
import dev.oddscache.Ticker;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The default {@link CacheStore}: a bounded Caffeine cache in this process, with a tag index.
 *
 * <p><b>Bound and expiry.</b> The store holds at most {@link InMemoryStoreConfig}'s size or
 * weight; beyond it Caffeine evicts. Each entry expires {@code retention} after its {@code put};
 * reads do not extend it. Time is read from the injected {@link Ticker}, so tests and the
 * simulator run the store on virtual time.
 *
 * <p><b>Maintenance.</b> Caffeine cleans up evicted and expired entries in batches on the injected
 * {@link Executor}. The default, {@code Runnable::run}, does it on the thread that triggered it, at
 * the end of a read or write: the cost is a small amortised amount of work on some calls, and the
 * gain is determinism, because an eviction has finished when the call that caused it returns. An
 * idle store keeps its expired entries (unreadable, uncounted by removals) until the next
 * activity or {@link #cleanUp()}.
 *
 * <p><b>Tag index.</b> Every change to the index for a key happens while Caffeine holds that key's
 * entry lock: puts and removals go through {@code asMap().compute…}, and size evictions and
 * expiry through Caffeine's eviction listener, which Caffeine runs inside the atomic removal of the
 * entry. So a key is in the index under its tags for as long as it can be read, and a tag removal
 * that starts while a key is readable removes it. A replacement that keeps some tags never takes
 * the key out of those tags, even briefly.
 *
 * <p>Thread-safe. The removal methods are not atomic as a whole: a key put concurrently with
 * {@link #removeTagged} may or may not be removed, as if it had been put before or after.
 *
 * @param <V> the type of the cached values
 */
public final class InMemoryStore<V> implements CacheStore<V> {
  /** Caffeine's longest expiry (about 146 years); longer retentions are capped to it. */
  static final long MAX_RETENTION_NANOS = Long.MAX_VALUE >> 1;

  private final Ticker ticker;
  private final Weigher<? super String, ? super V> weigher;
  private final TagIndex index = new TagIndex();
  private final Cache<String, StoreEntry<V>> cache;

  /**
   * A store bounded by {@code config}, on {@code ticker}'s time, whose maintenance runs on {@code
   * executor}.
   */
  public InMemoryStore(InMemoryStoreConfig<? super V> config, Ticker ticker, Executor executor) {
    Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(executor, "executor");
    this.weigher = config.weigher().orElse(null);

    RemovalListener<String, StoreEntry<V>> onEviction = (key, entry, cause) -> {
      // Runs inside Caffeine's atomic removal of this key, so no put of the same key can
      // interleave between the eviction and the index update.
      if (key != null && entry != null) {
        index.remove(key, entry.tags());
      }
    };
    Caffeine<String, StoreEntry<V>> builder = Caffeine.newBuilder()
        // Expiry is checked on every read; a deadline a millisecond early costs nothing, a
        // precise clock read costs more than the rest of the read.
        .ticker(ticker::coarseNanoTime)
        .executor(executor)
        .evictionListener(onEviction)
        .expireAfter(new RetentionExpiry<V>());
    if (config.isWeighted()) {
      builder.maximumWeight(config.maximumWeight().getAsLong())
          .weigher((String key, StoreEntry<V> entry) -> entry.weight());
    } else {
      builder.maximumSize(config.maximumSize().getAsLong());
    }
    this.cache = builder.build();
  }

  /** A store bounded by {@code config} whose maintenance runs on the calling threads. */
  public InMemoryStore(InMemoryStoreConfig<? super V> config, Ticker ticker) {
    this(config, ticker, Runnable::run);
  }

  /** A store with {@link InMemoryStoreConfig#ofDefaults()}, maintained on the calling threads. */
  public InMemoryStore(Ticker ticker) {
    this(InMemoryStoreConfig.ofDefaults(), ticker);
  }

  @Override
  public String kind() {
    return "memory";
  }

  @Override
  public StoredValue<V> get(String key) {
    Objects.requireNonNull(key, "key");
    StoreEntry<V> entry = cache.getIfPresent(key);
    return entry == null ? null : entry.value();
  }

  /**
   * {@inheritDoc}
   *
   * <p>A zero retention stores nothing and removes any previous value, as if it had been stored
   * and had expired at once. Retentions longer than about 146 years are capped.
   *
   * @throws IllegalArgumentException when {@code retention} is negative, or the weigher returns
   *     a negative weight; the store is then unchanged
   */
  @Override
  public void put(String key, StoredValue<V> value, Tags tags, Duration retention) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(tags, "tags");
    long retentionNanos = retentionNanos(retention);
    if (retentionNanos == 0) {
      remove(key);
      return;
    }
    int weight = weigh(key, value);
    cache.asMap().compute(key, (k, old) -> {
      // An expired previous entry arrives here as null: Caffeine has already passed it to the
      // eviction listener, which removed its tags.
      index.retag(k, old == null ? null : old.tags(), tags);
      return new StoreEntry<>(value, tags, ticker.coarseNanoTime() + retentionNanos, weight);
    });
  }

  @Override
  public boolean remove(String key) {
    Objects.requireNonNull(key, "key");
    return removeIf(key, entry -> true);
  }

  /** {@inheritDoc} Market ids are normalised first. */
  @Override
  public long removeTagged(String matchId, Collection<String> markets) {
    Objects.requireNonNull(matchId, "matchId");
    Objects.requireNonNull(markets, "markets");
    Set<String> wanted = markets.stream()
        .map(Markets::normalise)
        .collect(Collectors.toUnmodifiableSet());
    if (wanted.isEmpty()) {
      return 0;
    }
    // The index is a snapshot: each key is checked again under its lock, in case it was
    // re-put with other tags since.
    return removeAllIf(index.keys(matchId, wanted), entry ->
        matchId.equals(entry.tags().matchId())
            && !Collections.disjoint(entry.tags().markets(), wanted));
  }

  /** {@inheritDoc} This includes keys stored with the match but no markets. */
  @Override
  public long removeMatch(String matchId) {
    Objects.requireNonNull(matchId, "matchId");
    return removeAllIf(index.keysOfMatch(matchId), entry -> matchId.equals(entry.tags().matchId()));
  }

  /** {@inheritDoc} The count is exact: expired entries are not counted. */
  @Override
  public long removeAll() {
    // One key at a time rather than invalidateAll(), which would bypass the index cleanup.
    return removeAllIf(cache.asMap().keySet(), entry -> true);
  }

  /** {@inheritDoc} Markets whose keys have all expired are not listed. Sorted. */
  @Override
  public Set<String> markets(String matchId) {
    Objects.requireNonNull(matchId, "matchId");
    return Collections.unmodifiableSet(
        index.markets(matchId, key -> cache.policy().getIfPresentQuietly(key) != null));
  }

  /** {@inheritDoc} It may include expired entries not yet cleaned up. */
  @Override
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  /**
   * Runs pending maintenance now: evictions beyond the bound and removal of expired entries, with
   * their tag index cleanup. Never needed for correctness.
   */
  public void cleanUp() {
    cache.cleanUp();
  }

  /** The index, for consistency checks in tests. */
  TagIndex tagIndex() {
    return index;
  }

  /** The tags of every readable entry, for consistency checks in tests. */
  Map<String, Tags> liveTags() {
    Map<String, Tags> live = new HashMap<>();
    for (Map.Entry<String, StoreEntry<V>> e : cache.asMap().entrySet()) {
      live.put(e.getKey(), e.getValue().tags());
    }
    return live;
  }

  private long removeAllIf(Collection<String> keys, Predicate<StoreEntry<V>> condition) {
    long removed = 0;
    for (String key : keys) {
      if (removeIf(key, condition)) {
        removed++;
      }
    }
    return removed;
  }

  /** Removes {@code key} if it is readable and meets {@code condition}; says whether it did. */
  private boolean removeIf(String key, Predicate<StoreEntry<V>> condition) {
    boolean[] removed = {false};
    // computeIfPresent skips an expired entry (after handing it to the eviction listener), so
    // only readable entries are counted.
    cache.asMap().computeIfPresent(key, (k, entry) -> {
      if (!condition.test(entry)) {
        return entry;
      }
      index.remove(k, entry.tags());
      removed[0] = true;
      return null;
    });
    return removed[0];
  }

  private int weigh(String key, StoredValue<V> value) {
    if (weigher == null) {
      return 1;
    }
    int weight = weigher.weigh(key, value.value());
    if (weight < 0) {
      throw new IllegalArgumentException(
          "weight must not be negative, got " + weight + " for key " + key);
    }
    return weight;
  }

  private static long retentionNanos(Duration retention) {
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative, got " + retention);
    }
    return retention.compareTo(Duration.ofNanos(MAX_RETENTION_NANOS)) >= 0
        ? MAX_RETENTION_NANOS
        : retention.toNanos();
  }
}
