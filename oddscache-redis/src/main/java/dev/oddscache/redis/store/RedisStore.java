package dev.oddscache.redis.store;

import dev.oddscache.Markets;
import dev.oddscache.internal.Durations;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CacheStore} in Redis — standalone, Sentinel or Cluster, whatever the {@link
 * RedisConnector} reaches. Several processes sharing one Redis share the cache.
 *
 * <p><b>Layout.</b> One cache key is one Redis key holding a single blob ({@link BlobFormat}):
 * the value bytes from the {@link ValueCodec} plus stored-at, TTL, load duration, tags and a
 * per-put token. It expires with {@code PX retention}. The tag index is one Redis set per
 * {@code (matchId, market)} plus a set of the match's markets, all in the match's Cluster slot
 * ({@link KeyLayout}); each set expires no earlier than its longest-lived member.
 *
 * <p><b>Round trips.</b> A hit is one {@code GET}. A put is one pipelined exchange (tag script
 * and {@code SET … PX … GET}); when it replaces a tagged value, the old value's tag members are
 * removed by a further command that is sent but not awaited. {@code remove} is one {@code
 * GETDEL} (plus the same unawaited cleanup). {@code removeTagged} is three awaited exchanges
 * (read the sets, delete the values, clean the sets), {@code removeMatch} four, {@code markets}
 * three; {@code removeAll} two per SCAN page.
 *
 * <p><b>Consistency.</b> Values and tag sets live in different slots, so no command changes
 * both atomically. Instead, every put adds a member carrying a fresh random token that the blob
 * also holds ({@link TagMember}); a removal deletes a value only if it still holds the token of
 * the member that led to it, and removes only the members it read. So a tag removal that starts
 * after a put has returned always finds and deletes that put's value, and a concurrent put is
 * either removed or keeps its tags — never readable but untagged ({@link #removeAll()}, which
 * deletes whole tag sets, is the exception it documents). Members of expired, replaced
 * or removed values are tolerated and cleaned lazily; {@link #markets} checks each member's
 * token, so it never reports a market whose values are all gone.
 *
 * <p><b>Failure.</b> Every awaited exchange waits at most the connector's command timeout
 * (default 50 ms); failures, timeouts and a disconnected Redis surface as {@link
 * StoreException} at once, never as a hang. Values that cannot be encoded or blobs that cannot
 * be decoded are {@link StoreException}s naming the key. A bulk removal that fails part-way may
 * have removed some keys.
 *
 * <p>Thread-safe. {@link #close()} does not close the connector, which is shared (panic clock,
 * breaker window, other stores).
 *
 * @param <V> the type of the cached values
 */
public final class RedisStore<V> implements CacheStore<V> {
  private static final Logger log = LoggerFactory.getLogger(RedisStore.class);
  /** Retentions are capped to about a century, well inside what Redis accepts for PX. */
  static final long MAX_RETENTION_MILLIS = Duration.ofDays(36_500).toMillis();
  /** Keys asked for per SCAN step of {@link #removeAll()}. */
  static final int SCAN_COUNT = 500;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private final RedisConnector redis;
  private final ValueCodec<V> codec;
  private final KeyLayout keys;

  /** A store whose keys start with the connector's {@linkplain RedisConnector#prefix() prefix}. */
  public RedisStore(RedisConnector redis, ValueCodec<V> codec) {
    this(redis, codec, new KeyLayout(Objects.requireNonNull(redis, "redis").prefix()));
  }

  /**
   * A store in its own namespace, {@code prefix:name}, so that several stores (for example
   * caches of different value types) share one connector without seeing each other's keys,
   * tags or invalidations.
   *
   * @throws IllegalArgumentException when {@code name} is not 1-64 characters of {@code
   *     [A-Za-z0-9_.-]}
   */
  public RedisStore(RedisConnector redis, ValueCodec<V> codec, String name) {
    this(redis, codec,
        new KeyLayout(Objects.requireNonNull(redis, "redis").prefix() + ":" + validName(name)));
  }

  private RedisStore(RedisConnector redis, ValueCodec<V> codec, KeyLayout keys) {
    this.redis = redis;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.keys = keys;
    // Loaded ahead, and after every reconnection: the first put after a start or a Redis restart
    // meets no NOSCRIPT.
    redis.preload(Scripts.TAG);
    redis.preload(Scripts.DELETE_IF_TOKEN);
    redis.preload(Scripts.UNTAG);
  }

  @Override
  public String kind() {
    return "redis";
  }

  /** {@inheritDoc} One {@code GET}. */
  @Override
  public StoredValue<V> get(String key) {
    Read<V> read = read(key);
    return read == null ? null : read.value();
  }

  /** The value under {@code key} with the tags it was stored with; null when absent. */
  Read<V> read(String key) {
    Objects.requireNonNull(key, "key");
    byte[] blob = redis.call("get", c -> c.get(keys.valueKey(key)));
    if (blob == null) {
      return null;
    }
    BlobFormat.Blob b = decodeBlob(key, blob);
    V value;
    try {
      value = Objects.requireNonNull(codec.decode(b.value()), "the codec decoded null");
    } catch (RuntimeException e) {
      throw new StoreException("cannot decode the value of key '" + key + "' with " + codec
          + ": " + e.getMessage(), e);
    }
    StoredValue<V> stored =
        new StoredValue<>(value, b.storedAtMillis(), b.ttlSeconds(), b.loadNanos(), b.drift());
    return new Read<>(stored, b.tags());
  }

  /**
   * {@inheritDoc}
   *
   * <p>A zero retention stores nothing and removes any previous value, as if it had been stored
   * and had expired at once. Retentions under a millisecond are rounded up to one (the
   * resolution of {@code PX}); retentions over a century are capped.
   *
   * @throws IllegalArgumentException when {@code retention} is negative; nothing is sent
   * @throws StoreException when the value cannot be encoded or Redis fails; the previous value
   *     and the new one may then both be absent, never both present
   */
  @Override
  public void put(String key, StoredValue<V> value, Tags tags, Duration retention) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(tags, "tags");
    long millis = retentionMillis(retention);
    if (millis == 0) {
      remove(key);
      return;
    }
    byte[] payload = encode(key, value.value());
    long token = ThreadLocalRandom.current().nextLong();
    byte[] blob = BlobFormat.encode(token, value.storedAtMillis(), value.ttlSeconds(),
        value.loadNanos(), tags, value.drift(), payload);
    RedisClusterAsyncCommands<String, byte[]> c = redis.async();
    // A tag member must never be readable before its value: a removal that finds a member whose
    // key holds another token takes the member for dead and drops it, and a value written just
    // after would then sit outside its tags for its whole retention. So the value goes first. On
    // one connection (standalone, Sentinel) Redis runs commands in the order sent, and the tag is
    // pipelined behind the value; on a Cluster the two keys live on different nodes, and the tag
    // waits for the value's reply. A removal between the two misses the value, which is what a
    // removal concurrent with a put may do.
    CompletableFuture<byte[]> previous =
        c.setGet(keys.valueKey(key), blob, SetArgs.Builder.px(millis)).toCompletableFuture();
    try {
      CompletableFuture<?> tagged;
      if (tags.isEmpty()) {
        tagged = CompletableFuture.completedFuture(null);
      } else if (redis.isCluster()) {
        awaitAll("put", List.of(previous));
        tagged = tag(c, new TagMember(token, key), tags, millis);
      } else {
        tagged = tag(c, new TagMember(token, key), tags, millis);
      }
      awaitAll("put", List.of(tagged, previous));
    } catch (RuntimeException e) {
      if (!tags.isEmpty()) {
        withdraw(c, key, token, previous);
      }
      throw e;
    }
    byte[] old = previous.join();
    if (old != null) {
      untagLater(key, old);
    }
  }

  /**
   * After a failed tagged put, deletes its value if it was (or will be) written, so it cannot
   * outlive its tags: sent on the value's own connection, the delete runs after the write
   * whenever that lands. Without waiting; the old value, if the write replaced one, is untagged.
   */
  private void withdraw(RedisClusterAsyncCommands<String, byte[]> c, String key, long token,
      CompletableFuture<byte[]> previous) {
    try {
      Scripts.DELETE_IF_TOKEN.submit(c, new String[] {keys.valueKey(key)},
          TagMember.tokenBytes(token)).whenComplete((r, e) -> {
            if (e != null) {
              log.debug("withdrawing a failed put failed key={} error={}", key, e.toString());
            }
          });
    } catch (RuntimeException e) {
      log.debug("withdrawing a failed put skipped key={} error={}", key, e.toString());
    }
    previous.thenAccept(old -> {
      if (old != null) {
        untagLater(key, old);
      }
    });
  }

  /** {@inheritDoc} One {@code GETDEL}. */
  @Override
  public boolean remove(String key) {
    Objects.requireNonNull(key, "key");
    byte[] old = redis.call("remove", c -> c.getdel(keys.valueKey(key)));
    if (old == null) {
      return false;
    }
    untagLater(key, old);
    return true;
  }

  /** {@inheritDoc} Market ids are normalised first. */
  @Override
  public long removeTagged(String matchId, Collection<String> markets) {
    Objects.requireNonNull(matchId, "matchId");
    Objects.requireNonNull(markets, "markets");
    Set<String> wanted = markets.stream()
        .map(Markets::normalise)
        .collect(Collectors.toCollection(TreeSet::new));
    return wanted.isEmpty() ? 0 : removeFromTagSets("removeTagged", matchId, wanted);
  }

  /** {@inheritDoc} This includes keys stored with the match but no markets. */
  @Override
  public long removeMatch(String matchId) {
    Objects.requireNonNull(matchId, "matchId");
    Set<byte[]> listed = redis.call("removeMatch", c -> c.smembers(keys.marketSet(matchId)));
    Set<String> markets = strings(listed);
    return markets.isEmpty() ? 0 : removeFromTagSets("removeMatch", matchId, markets);
  }

  /**
   * {@inheritDoc}
   *
   * <p>SCANs the namespace (on a Cluster, every master) and deletes what it finds, value keys and
   * tag sets, a page at a time; the count is the number of value keys actually deleted. A put
   * concurrent with this call may survive it with its tag sets deleted; the cache discards such
   * loads itself (its invalidation generations), and the value expires with its retention.
   */
  @Override
  public long removeAll() {
    ScanArgs args = ScanArgs.Builder.matches(keys.scanPattern()).limit(SCAN_COUNT);
    KeyScanCursor<String> cursor = redis.call("removeAll", c -> c.scan(args));
    long removed = 0;
    while (true) {
      List<String> values = new ArrayList<>();
      List<String> tagKeys = new ArrayList<>();
      for (String k : cursor.getKeys()) {
        (keys.isValueKey(k) ? values : tagKeys).add(k);
      }
      if (!values.isEmpty() || !tagKeys.isEmpty()) {
        RedisClusterAsyncCommands<String, byte[]> c = redis.async();
        // Multi-key DEL: Lettuce splits it by slot on a Cluster.
        CompletableFuture<Long> deleted = values.isEmpty() ? CompletableFuture.completedFuture(0L)
            : c.del(values.toArray(String[]::new)).toCompletableFuture();
        CompletableFuture<Long> untagged = tagKeys.isEmpty() ? CompletableFuture.completedFuture(0L)
            : c.del(tagKeys.toArray(String[]::new)).toCompletableFuture();
        awaitAll("removeAll", List.of(deleted, untagged));
        removed += deleted.join();
      }
      if (cursor.isFinished()) {
        return removed;
      }
      KeyScanCursor<String> previous = cursor;
      cursor = redis.call("removeAll", c -> c.scan(previous, args));
    }
  }

  /**
   * {@inheritDoc} Markets whose values have all expired or been replaced are not listed. Sorted.
   */
  @Override
  public Set<String> markets(String matchId) {
    Objects.requireNonNull(matchId, "matchId");
    Set<String> listed = strings(redis.call("markets", c -> c.smembers(keys.marketSet(matchId))));
    listed.remove(KeyLayout.MATCH_ONLY);
    if (listed.isEmpty()) {
      return Set.of();
    }
    RedisClusterAsyncCommands<String, byte[]> c = redis.async();
    Map<String, CompletableFuture<Set<byte[]>>> sets = new LinkedHashMap<>();
    for (String market : listed) {
      sets.put(market, c.smembers(keys.tagSet(matchId, market)).toCompletableFuture());
    }
    awaitAll("markets", sets.values());

    Map<String, List<TagMember>> membersByMarket = new LinkedHashMap<>();
    Map<TagMember, CompletableFuture<byte[]>> tokens = new HashMap<>();
    for (Map.Entry<String, CompletableFuture<Set<byte[]>>> e : sets.entrySet()) {
      List<TagMember> members = members(e.getValue().join());
      membersByMarket.put(e.getKey(), members);
      for (TagMember m : members) {
        // GETRANGE reads the 8 token bytes only, whatever the size of the value.
        tokens.computeIfAbsent(m, x -> c.getrange(keys.valueKey(x.key()), BlobFormat.TOKEN_OFFSET,
            BlobFormat.TOKEN_OFFSET + TagMember.TOKEN_BYTES - 1).toCompletableFuture());
      }
    }
    awaitAll("markets", tokens.values());

    Set<String> live = new TreeSet<>();
    Map<String, Collection<TagMember>> dead = new LinkedHashMap<>();
    membersByMarket.forEach((market, members) -> {
      List<TagMember> gone = new ArrayList<>();
      for (TagMember m : members) {
        if (Arrays.equals(tokens.get(m).join(), m.tokenBytes())) {
          live.add(market);
        } else {
          gone.add(m);
        }
      }
      if (!gone.isEmpty() || members.isEmpty()) {
        dead.put(market, gone);
      }
    });
    if (!dead.isEmpty()) {
      untagLater(matchId, dead);
    }
    return Collections.unmodifiableSet(live);
  }

  /**
   * {@inheritDoc}
   *
   * <p>This is Redis's {@code DBSIZE} (summed over the masters of a Cluster): one cheap command,
   * but it counts every key of the database — tag sets, and other namespaces or applications
   * sharing it — so it is an upper bound on the number of values.
   */
  @Override
  public long estimatedSize() {
    return redis.call("dbsize", c -> c.dbsize());
  }

  /** The connector's health: {@code FALLBACK} while Redis is unreachable. */
  @Override
  public StoreHealth health() {
    return redis.health();
  }

  RedisConnector connector() {
    return redis;
  }

  KeyLayout keys() {
    return keys;
  }

  /** A value read with the tags it was stored with. */
  record Read<V>(StoredValue<V> value, Tags tags) {}

  /**
   * Deletes the values behind the members of {@code markets}' tag sets, each only if it still
   * holds the member's token, then removes the members read from the sets. Returns how many
   * values were deleted.
   */
  private long removeFromTagSets(String operation, String matchId, Set<String> markets) {
    String[] setKeys = markets.stream().map(m -> keys.tagSet(matchId, m)).toArray(String[]::new);
    // One slot: SUNION works on a Cluster, and Redis removes the duplicates of multi-market keys.
    List<TagMember> members = members(redis.call(operation, c -> c.sunion(setKeys)));
    if (members.isEmpty()) {
      return 0;
    }
    RedisClusterAsyncCommands<String, byte[]> c = redis.async();
    Map<TagMember, CompletableFuture<byte[]>> deletes = new LinkedHashMap<>();
    for (TagMember m : members) {
      deletes.put(m, Scripts.DELETE_IF_TOKEN.submit(c, new String[] {keys.valueKey(m.key())},
          m.tokenBytes()));
    }
    awaitAll(operation, deletes.values());

    long removed = 0;
    Map<String, Collection<TagMember>> untag = new LinkedHashMap<>();
    for (Map.Entry<TagMember, CompletableFuture<byte[]>> e : deletes.entrySet()) {
      TagMember member = e.getKey();
      byte[] blob = e.getValue().join();
      if (blob != null) {
        removed++;
        // The deleted value may also sit in sets of markets not asked for.
        BlobFormat.Blob deleted = blobOrNull(member.key(), blob);
        if (deleted != null && matchId.equals(deleted.tags().matchId())) {
          buckets(deleted.tags()).forEach(market ->
              untag.computeIfAbsent(market, x -> new LinkedHashSet<>()).add(member));
        }
      }
      // Deleted or not, the member is dead now: its token is no longer (or never was) its key's.
      markets.forEach(market ->
          untag.computeIfAbsent(market, x -> new LinkedHashSet<>()).add(member));
    }
    try {
      awaitAll(operation, List.of(untag(redis.async(), matchId, untag)));
    } catch (StoreException e) {
      // The values are gone, which is what counts; the members left behind are dead and are
      // cleaned by a later removal or markets().
      log.debug("tag cleanup failed match={} error={}", matchId, e.toString());
    }
    return removed;
  }

  private CompletableFuture<Object> tag(RedisClusterAsyncCommands<String, byte[]> c,
      TagMember member, Tags tags, long retentionMillis) {
    Set<String> markets = buckets(tags);
    String[] k = new String[markets.size() + 1];
    byte[][] args = new byte[markets.size() + 2][];
    k[0] = keys.marketSet(tags.matchId());
    args[0] = Long.toString(retentionMillis).getBytes(StandardCharsets.US_ASCII);
    args[1] = member.encode();
    int i = 1;
    for (String market : markets) {
      k[i] = keys.tagSet(tags.matchId(), market);
      args[i + 1] = market.getBytes(StandardCharsets.UTF_8);
      i++;
    }
    return Scripts.TAG.submit(c, k, args);
  }

  private CompletableFuture<Object> untag(RedisClusterAsyncCommands<String, byte[]> c,
      String matchId, Map<String, ? extends Collection<TagMember>> membersByMarket) {
    List<String> k = new ArrayList<>();
    List<byte[]> args = new ArrayList<>();
    k.add(keys.marketSet(matchId));
    membersByMarket.forEach((market, members) -> {
      k.add(keys.tagSet(matchId, market));
      args.add(market.getBytes(StandardCharsets.UTF_8));
      args.add(Integer.toString(members.size()).getBytes(StandardCharsets.US_ASCII));
      members.forEach(m -> args.add(m.encode()));
    });
    return Scripts.UNTAG.submit(c, k.toArray(String[]::new), args.toArray(byte[][]::new));
  }

  /** Removes the member of a replaced or removed value from its tag sets, without waiting. */
  private void untagLater(String key, byte[] oldBlob) {
    BlobFormat.Blob old = blobOrNull(key, oldBlob);
    if (old == null || old.tags().isEmpty()) {
      return;
    }
    Tags tags = old.tags();
    TagMember member = new TagMember(old.token(), key);
    Map<String, Collection<TagMember>> byMarket = new LinkedHashMap<>();
    buckets(tags).forEach(market -> byMarket.put(market, List.of(member)));
    untagLater(tags.matchId(), byMarket);
  }

  private void untagLater(String matchId, Map<String, Collection<TagMember>> byMarket) {
    try {
      untag(redis.async(), matchId, byMarket).whenComplete((r, e) -> {
        if (e != null) {
          log.debug("tag cleanup failed match={} error={}", matchId, e.toString());
        }
      });
    } catch (StoreException e) {
      log.debug("tag cleanup skipped match={} error={}", matchId, e.toString());
    }
  }

  /** Waits once, at most the command timeout, for all of {@code futures}. */
  private void awaitAll(String operation, Collection<? extends CompletableFuture<?>> futures) {
    CompletableFuture<Void> all =
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    redis.await(operation, all.exceptionallyCompose(e -> CompletableFuture.failedFuture(
        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)));
  }

  private byte[] encode(String key, V value) {
    try {
      return Objects.requireNonNull(codec.encode(value), "the codec encoded null");
    } catch (RuntimeException e) {
      throw new StoreException("cannot encode the value of key '" + key + "' with " + codec
          + ": " + e.getMessage(), e);
    }
  }

  private static BlobFormat.Blob decodeBlob(String key, byte[] blob) {
    try {
      return BlobFormat.decode(blob);
    } catch (IllegalArgumentException e) {
      throw new StoreException(
          "cannot decode the stored blob of key '" + key + "': " + e.getMessage(), e);
    }
  }

  private static BlobFormat.Blob blobOrNull(String key, byte[] blob) {
    try {
      return BlobFormat.decode(blob);
    } catch (IllegalArgumentException e) {
      log.debug("unreadable blob, tags left for lazy cleanup key={} error={}", key, e.toString());
      return null;
    }
  }

  private static Set<String> buckets(Tags tags) {
    return tags.markets().isEmpty() ? Set.of(KeyLayout.MATCH_ONLY) : tags.markets();
  }

  private static List<TagMember> members(Set<byte[]> raw) {
    List<TagMember> members = new ArrayList<>(raw.size());
    for (byte[] bytes : raw) {
      try {
        members.add(TagMember.decode(bytes));
      } catch (IllegalArgumentException e) {
        log.debug("ignoring a foreign tag set member: {}", e.getMessage());
      }
    }
    return members;
  }

  private static Set<String> strings(Set<byte[]> raw) {
    Set<String> out = new TreeSet<>();
    raw.forEach(b -> out.add(new String(b, StandardCharsets.UTF_8)));
    return out;
  }

  private static long retentionMillis(Duration retention) {
    Durations.nonNegative("retention", retention);
    if (retention.isZero()) {
      return 0;
    }
    if (retention.compareTo(Duration.ofMillis(MAX_RETENTION_MILLIS)) >= 0) {
      return MAX_RETENTION_MILLIS;
    }
    long millis = retention.toMillis();
    return retention.equals(Duration.ofMillis(millis)) ? Math.max(1, millis) : millis + 1;
  }

  private static String validName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be 1-64 characters of [A-Za-z0-9_.-], got "
          + (name == null ? "null" : "'" + name + "'"));
    }
    return name;
  }
}
