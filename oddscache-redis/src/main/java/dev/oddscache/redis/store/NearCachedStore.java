package dev.oddscache.redis.store;

import dev.oddscache.Markets;
import dev.oddscache.Ticker;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.store.memory.InMemoryStore;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RedisStore} with an in-process copy of recently read values in front of it (a "near
 * cache"): a hot key is read from this process's memory instead of costing a Redis round
 * trip per request.
 *
 * <p><b>Freshness.</b> A near copy is kept only while the value is younger than its own {@link
 * StoredValue#ttlSeconds()}, measured from its {@code storedAtMillis} on the injected ticker: a
 * stale near copy never hides a fresher value that another process has stored in Redis, because
 * past its TTL every read goes to Redis again. Values stored with TTL 0 are not kept near at all.
 * (A reader whose own TTL is now shorter than the one the value was loaded with — volatility
 * rose — may judge a near copy stale while Redis holds a fresher one; it then refreshes, as it
 * would for a stale value read from Redis.)
 *
 * <p><b>Invalidation.</b> Writes go to Redis and to the near copy. Removals (key, tags, match,
 * all) are applied to Redis, then to the near copy, then published as a text line on {@code
 * <namespace>:invalidate} ({@link InvalidationMessage}), so every other process sharing the
 * namespace drops its near copies too. Pub/sub is fire-and-forget: a process disconnected from
 * Redis misses messages, so near copies are dropped whenever the connector becomes healthy
 * again, and none is served before the subscription is in place. A publish that fails is
 * logged and counted; the removal itself has happened, and the other processes' copies end
 * with their TTL.
 *
 * <p><b>Races.</b> A read that fetched a value from Redis just before a removal deleted it could
 * otherwise put it back near after the removal cleared the near copies. Every removal, local or
 * announced by another process, bumps an epoch after the Redis removal; a read or write that
 * saw the epoch move while it ran drops the copy it has just made.
 *
 * <p><b>Failure.</b> As the Redis store: {@link StoreException} within the command timeout.
 * Near copies are served only while the connector is {@linkplain StoreHealth#HEALTHY healthy}:
 * when Redis (or just the pub/sub connection) is unreachable, invalidations from other
 * processes may be lost, so reads go to Redis and fail like any store read, and the cache loads
 * from the backend. Removals clear the near copies even when Redis fails.
 *
 * <p>Thread-safe. {@link #close()} clears the near copies and stops reacting to messages; the
 * connector (shared) stays open and keeps the subscription.
 *
 * @param <V> the type of the cached values
 */
public final class NearCachedStore<V> implements CacheStore<V> {
  private static final Logger log = LoggerFactory.getLogger(NearCachedStore.class);

  private final RedisStore<V> redis;
  private final InMemoryStore<V> near;
  private final Ticker ticker;
  private final RedisConnector connector;
  private final String channel;
  private final String origin = UUID.randomUUID().toString();
  private final AtomicLong epoch = new AtomicLong();
  private final LongAdder nearHits = new LongAdder();
  private final LongAdder redisHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder publishFailures = new LongAdder();
  private final AtomicBoolean subscribing = new AtomicBoolean();
  private volatile boolean subscribed;
  private volatile boolean closed;

  /** A near cache of {@link InMemoryStoreConfig#ofDefaults()} size on the system clock. */
  public NearCachedStore(RedisStore<V> redis) {
    this(redis, InMemoryStoreConfig.ofDefaults(), Ticker.system());
  }

  /**
   * A near cache bounded by {@code config}, judging ages on {@code ticker}. Subscribes to the
   * invalidation channel now if Redis is reachable, otherwise as soon as it is.
   */
  public NearCachedStore(RedisStore<V> redis, InMemoryStoreConfig<? super V> config,
      Ticker ticker) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.near = new InMemoryStore<>(Objects.requireNonNull(config, "config"), ticker);
    this.connector = redis.connector();
    this.channel = redis.keys().invalidationChannel();
    connector.onHealthChange(this::onHealthChange);
    subscribe();
  }

  @Override
  public String kind() {
    return "redis-near";
  }

  /**
   * {@inheritDoc} From the near copy when it is fresh and Redis is healthy, otherwise one Redis
   * {@code GET}.
   */
  @Override
  public StoredValue<V> get(String key) {
    // While Redis is unreachable, or before the subscription is in place, this process may be
    // missing other processes' invalidations (a GOAL), so near copies are not trusted; they
    // are dropped when Redis is back.
    if (subscribed && connector.health() == StoreHealth.HEALTHY) {
      StoredValue<V> local = near.get(key);
      if (local != null) {
        nearHits.increment();
        return local;
      }
    }
    long seen = epoch.get();
    RedisStore.Read<V> read = redis.read(key);
    if (read == null) {
      misses.increment();
      return null;
    }
    redisHits.increment();
    keepNear(key, read.value(), read.tags(), null, seen);
    return read.value();
  }

  /**
   * {@inheritDoc} Then replaces the near copy. When the Redis write fails the near copy is
   * dropped instead: Redis may hold the old value, the new one or neither.
   */
  @Override
  public void put(String key, StoredValue<V> value, Tags tags, Duration retention) {
    long seen = epoch.get();
    try {
      redis.put(key, value, tags, retention);
    } catch (StoreException e) {
      near.remove(key);
      throw e;
    }
    keepNear(key, value, tags, retention, seen);
  }

  @Override
  public boolean remove(String key) {
    Objects.requireNonNull(key, "key");
    try {
      return redis.remove(key);
    } finally {
      epoch.incrementAndGet();
      near.remove(key);
      publish(InvalidationMessage.key(origin, key));
    }
  }

  @Override
  public long removeTagged(String matchId, Collection<String> markets) {
    Objects.requireNonNull(matchId, "matchId");
    List<String> wanted = markets.stream().map(Markets::normalise).distinct().toList();
    try {
      return redis.removeTagged(matchId, wanted);
    } finally {
      epoch.incrementAndGet();
      near.removeTagged(matchId, wanted);
      if (!wanted.isEmpty()) {
        publish(InvalidationMessage.tags(origin, matchId, wanted));
      }
    }
  }

  @Override
  public long removeMatch(String matchId) {
    Objects.requireNonNull(matchId, "matchId");
    try {
      return redis.removeMatch(matchId);
    } finally {
      epoch.incrementAndGet();
      near.removeMatch(matchId);
      publish(InvalidationMessage.match(origin, matchId));
    }
  }

  @Override
  public long removeAll() {
    try {
      return redis.removeAll();
    } finally {
      dropAllNear();
      publish(InvalidationMessage.all(origin));
    }
  }

  /** {@inheritDoc} Asks Redis, which knows every process's keys. */
  @Override
  public Set<String> markets(String matchId) {
    return redis.markets(matchId);
  }

  /** {@inheritDoc} Redis's estimate; near copies are copies. */
  @Override
  public long estimatedSize() {
    return redis.estimatedSize();
  }

  @Override
  public StoreHealth health() {
    return redis.health();
  }

  /** Reads answered from the near copy. */
  public long nearHits() {
    return nearHits.sum();
  }

  /** Reads answered by Redis (the near copy was missing or too old). */
  public long redisHits() {
    return redisHits.sum();
  }

  /** Reads that found nothing, near or in Redis. */
  public long misses() {
    return misses.sum();
  }

  /** Redis round trips the near cache saved: one {@code GET} per near hit. */
  public long roundTripsSaved() {
    return nearHits.sum();
  }

  /** Invalidations that could not be announced to other processes. */
  public long publishFailures() {
    return publishFailures.sum();
  }

  /** Whether this store listens to other processes' invalidations right now. */
  public boolean isSubscribed() {
    return subscribed;
  }

  @Override
  public void close() {
    closed = true;
    dropAllNear();
  }

  /**
   * Keeps {@code value} near for what is left of its TTL (and at most {@code retention}), unless
   * a removal ran since {@code seen}, in which case the value may be one the removal deleted.
   */
  private void keepNear(String key, StoredValue<V> value, Tags tags, Duration retention,
      long seen) {
    long freshMillis = value.ttlSeconds() * 1000 - value.ageMillis(ticker.epochMillis());
    Duration keep = Duration.ofMillis(Math.max(0, freshMillis));
    if (retention != null && retention.compareTo(keep) < 0) {
      keep = retention;
    }
    // A zero retention also removes an older near copy, which must not outlive this write.
    near.put(key, value, tags, keep);
    if (epoch.get() != seen) {
      near.remove(key);
    }
  }

  private void dropAllNear() {
    epoch.incrementAndGet();
    near.removeAll();
  }

  private void publish(InvalidationMessage message) {
    try {
      connector.publish(channel, message.encode());
    } catch (StoreException e) {
      publishFailures.increment();
      log.atWarn().addKeyValue("channel", channel).addKeyValue("message", message.encode())
          .addKeyValue("error", e.toString())
          .log("near cache invalidation not announced; other processes keep their copies"
              + " until their TTL");
    }
  }

  private void onMessage(String line) {
    if (closed) {
      return;
    }
    InvalidationMessage message;
    try {
      message = InvalidationMessage.parse(line);
    } catch (IllegalArgumentException e) {
      // Something was invalidated, we cannot tell what: forgetting everything is always safe.
      log.warn("unreadable near cache invalidation, dropping every near copy: {}", e.getMessage());
      dropAllNear();
      return;
    }
    if (message.origin().equals(origin)) {
      return;
    }
    epoch.incrementAndGet();
    List<String> args = message.args();
    switch (message.kind()) {
      case KEY -> near.remove(args.get(0));
      case TAGS -> near.removeTagged(args.get(0), args.subList(1, args.size()));
      case MATCH -> near.removeMatch(args.get(0));
      case ALL -> near.removeAll();
    }
  }

  private void onHealthChange(StoreHealth health) {
    if (closed || health != StoreHealth.HEALTHY) {
      return;
    }
    if (subscribed) {
      // Back from an outage: invalidations published meanwhile never reached us.
      dropAllNear();
    } else {
      subscribe();
    }
  }

  /**
   * Subscribes unless subscribed or another thread is trying, then drops every near copy: they
   * were made while messages could not reach this store. No lock is held while the connector
   * subscribes, because the connector calls health listeners (and so this) under its own lock.
   */
  private void subscribe() {
    if (subscribed || closed || !subscribing.compareAndSet(false, true)) {
      return;
    }
    try {
      connector.subscribe(channel, (ch, line) -> onMessage(line));
      subscribed = true;
      dropAllNear();
    } catch (StoreException e) {
      log.atWarn().addKeyValue("channel", channel).addKeyValue("error", e.toString())
          .log("near cache not subscribed, reads go to redis until it is; retrying when redis"
              + " is healthy");
    } finally {
      subscribing.set(false);
    }
  }
}
