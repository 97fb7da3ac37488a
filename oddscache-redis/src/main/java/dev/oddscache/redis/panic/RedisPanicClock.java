package dev.oddscache.redis.panic;

import static dev.oddscache.redis.panic.MatchPanic.NEVER;
import static dev.oddscache.redis.panic.MatchPanic.NOT_CALM;
import static dev.oddscache.redis.panic.MatchPanic.UNKNOWN;

import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.panic.PanicScript.Mode;
import dev.oddscache.redis.panic.PanicScript.Outcome;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The panic clock shared by every process on one Redis (SPEC §7): one key per match, {@code
 * {prefix}:panic:{<matchId>}}, holding the decimal epoch millis at which its panic began. The
 * match id is the key's hash tag, so the clock works on Redis Cluster.
 *
 * <h2>Per call</h2>
 *
 * <ul>
 *   <li><b>PANIC</b>, start not in memory: one round trip, {@code panic.lua}, which stores the
 *       caller's {@code nowMillis} if no panic is stored ({@code SET … PX deadMansSwitch}, first
 *       writer wins) and otherwise returns the stored start. Every racing caller, in this process
 *       or another, gets the winner's start.
 *   <li><b>PANIC</b>, start in memory: the start Redis reported less than {@link #LOCAL_CACHE} ago
 *       (ticker time) is served with no command. Once per {@link
 *       PanicClockConfig#refreshInterval()} per match and process, the script also pushes the
 *       expiry back ({@code PEXPIRE}), never per request (§16.4). So a hot match costs one round
 *       trip per second per process, whatever the request rate.
 *   <li><b>Calm</b> (any other status): after {@link PanicClockConfig#calmGrace()} of calm without
 *       PANIC, judged on {@code nowMillis} by this process, {@code DEL}. The grace is settled by
 *       the next call that touches the match, so a key may outlive the grace until then. A match
 *       this process never saw panicking costs no command: calm traffic is free.
 * </ul>
 *
 * <p>Values decode whether a client wrote them as bytes or as a string, with whitespace
 * tolerated ({@link PanicStartCodec}). A stored value that is not a start is treated as unknown,
 * logged at WARN once per match, and replaced by a fresh start on the next PANIC.
 *
 * <h2>Fail-safe</h2>
 *
 * Every command waits at most the connector's command timeout (default 50 ms). {@link #observe},
 * the per-request call, waits for at most one round trip, so it never blocks longer than that;
 * {@link #panicStart} and {@link #activePanics} may wait for two on the one call that
 * resynchronises after an outage (the resynchronisation, then their own read). Any failure puts
 * the clock in fallback ({@link #inFallback()}, counted by {@link #fallbacks()}, logged at WARN
 * on entry and INFO on return, never per call): calls then answer from memory with no command,
 * from the last start Redis reported, else from a {@link LocalPanicClock} fed with every
 * observation, so a PANIC always gets a start (a panic first seen during the outage starts then:
 * tier 1). Nothing throws to the caller, and nothing falls back to "TTL 0 for everything"
 * (§16.3).
 *
 * <p>While in fallback, one call tries Redis again as soon as the connector reports it healthy or
 * reconnected, else at most once per {@link #RETRY_INTERVAL} of ticker time. That call
 * resynchronises, in one pipelined round trip, before answering:
 *
 * <ul>
 *   <li>every match this process has seen PANIC for since Redis last confirmed its start (the
 *       panics that Redis may have lost or never heard of) is merged with the <b>earliest start
 *       wins</b> rule: stored if absent, replacing a later stored start, yielding to an earlier or
 *       equal one. The candidate is the last start Redis reported for the current panic, else this
 *       process's first sighting. The rule is commutative, so every process converges on the same
 *       start whatever the order in which they come back; and the earliest is the start of the
 *       panic as a whole, which is what the quota measures. Matches only read, or not seen since
 *       their last confirmation, are left alone, so a panic that another process ended meanwhile
 *       is not brought back from stale memory;
 *   <li>every panic this process ended during the outage is deleted.
 * </ul>
 *
 * The same resynchronisation runs, with the clock still answering, when the connector reports a
 * disconnection or FALLBACK that this clock's own calls did not see (Redis may have restarted
 * empty behind the cache). No restart of the clock is needed.
 *
 * <p>Limits. A Redis restart that neither the connector nor this clock notices (no call during
 * it) looks like an ended panic: the next PANIC starts a new one. If, during an outage, another
 * process ended a panic and started a new one while this process kept seeing PANIC, the earliest
 * rule brings back this process's older start: the processes disagreed on the status, and the
 * longer panic is the safer reading for the backend. {@link #activePanics} lists the panics this
 * process knows about (observed, or read within about the last refresh interval), checked
 * against Redis; panics that only other processes know are not listed, because finding them
 * would need a SCAN over the keyspace (every node on Cluster).
 *
 * <p>Thread-safe. Per-match state changes are atomic ({@link ConcurrentHashMap#compute}); no lock
 * is held while waiting for Redis. When the start in memory is stale, one thread per match asks
 * Redis while the others keep serving it.
 */
public final class RedisPanicClock implements PanicClock {
  private static final Logger log = LoggerFactory.getLogger(RedisPanicClock.class);

  /** How long a start reported by Redis is served from memory (SPEC §7: at most one second). */
  public static final Duration LOCAL_CACHE = Duration.ofSeconds(1);

  /** In fallback, the longest wait between two tries when nothing signals Redis's return. */
  public static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private final RedisConnector redis;
  private final Ticker ticker;
  private final String keyPrefix;
  private final long expiryMillis;
  private final long refreshNanos;
  private final long calmGraceMillis;
  private final long deadMansSwitchNanos;
  private final long cacheNanos = LOCAL_CACHE.toNanos();
  private final long retryNanos = RETRY_INTERVAL.toNanos();
  private final LocalPanicClock local;
  private final ConcurrentHashMap<String, MatchPanic> matches = new ConcurrentHashMap<>();
  private final Set<String> asking = ConcurrentHashMap.newKeySet();
  private final Set<String> corruptWarned = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean fallback = new AtomicBoolean();
  private final AtomicBoolean resyncDue = new AtomicBoolean();
  private final AtomicBoolean resyncing = new AtomicBoolean();
  private final AtomicBoolean redisBack = new AtomicBoolean();
  private final AtomicLong failures = new AtomicLong();
  private final LongAdder fallbacks = new LongAdder();
  private final AtomicLong lastSweepNanos = new AtomicLong(NEVER);
  private volatile long lastFailureNanos;
  /** Whether a call has seen the connection down since the last failure. */
  private volatile boolean sawDisconnected;

  /**
   * @param connector the Redis connection; its prefix starts every key, its command timeout
   *     bounds every call
   * @param config the dead man's switch (the key's {@code PX}), refresh interval and calm grace
   * @param ticker drives the one-second memory of starts, the refresh throttle and the retry
   *     interval; instants of panics come from the callers' {@code nowMillis}
   */
  public RedisPanicClock(RedisConnector connector, PanicClockConfig config, Ticker ticker) {
    this.redis = Objects.requireNonNull(connector, "connector");
    Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.keyPrefix = connector.prefix() + ":panic:{";
    this.expiryMillis = config.deadMansSwitch().toMillis();
    this.refreshNanos = config.refreshInterval().toNanos();
    this.calmGraceMillis = config.calmGrace().toMillis();
    this.deadMansSwitchNanos = config.deadMansSwitch().toNanos();
    this.local = new LocalPanicClock(config);
    connector.onHealthChange(this::onHealthChange);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Any status other than PANIC counts as calm, WARNING included. Never throws but for invalid
   * arguments; waits for at most one round trip (after an outage, the resynchronisation also
   * answers for this match).
   *
   * @throws IllegalArgumentException if {@code matchId} is null or blank, or {@code status} null
   */
  @Override
  public long observe(String matchId, Status status, long nowMillis) {
    requireMatchId(matchId);
    if (status == null) {
      throw new IllegalArgumentException("status must not be null, got null");
    }
    // Fed first and always, so the fallback knows every panic this process saw.
    long localStart = local.observe(matchId, status, nowMillis);
    long nanos = ticker.nanoTime();
    beforeCall(nanos);
    if (status != Status.PANIC) {
      observeCalm(matchId, nowMillis, nanos);
      return NO_PANIC;
    }
    MatchPanic seen = matches.compute(matchId,
        (id, old) -> MatchPanic.panicSeen(old, nowMillis, calmGraceMillis, nanos));
    if (!redisUsable(nanos, nowMillis)) {
      return seen.start() != UNKNOWN ? seen.start() : localStart;
    }
    // A resynchronisation may just have confirmed this match.
    MatchPanic m = matches.getOrDefault(matchId, seen);
    boolean refresh = m.refreshDue(nanos, refreshNanos);
    boolean known = m.start() != UNKNOWN;
    if (known && m.fresh(nanos, cacheNanos) && !refresh) {
      return m.start();
    }
    if (known && !asking.add(matchId)) {
      // Another thread is asking Redis; the start in memory is at most one round trip older.
      return m.start();
    }
    // Without a start in memory every caller asks: each must get the first writer's start.
    try {
      PanicScript.Result result = PanicScript.parse(redis.await("panic-start",
          PanicScript.submit(redis.async(), key(matchId), nowMillis, expiryMillis, refresh,
              Mode.FIRST, m.staleStart())));
      confirm(matchId, result, nanos, refresh);
      return result.start();
    } catch (RuntimeException e) {
      enterFallback(e, nanos);
      return known ? m.start() : localStart;
    } finally {
      if (known) {
        asking.remove(matchId);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Served from memory for up to {@link #LOCAL_CACHE}, else one GET. A match within its calm
   * grace is still panicking; once the grace has passed, this call deletes the key (settling the
   * calm observed earlier) and answers {@link #NO_PANIC}. In fallback: the last start Redis
   * reported, else this process's own knowledge.
   *
   * @throws IllegalArgumentException if {@code matchId} is null or blank
   */
  @Override
  public long panicStart(String matchId, long nowMillis) {
    requireMatchId(matchId);
    long nanos = ticker.nanoTime();
    beforeCall(nanos);
    MatchPanic m = matches.get(matchId);
    if (m != null && (m.ended() || m.graceElapsed(nowMillis, calmGraceMillis))) {
      settleGrace(matchId, nowMillis, nanos);
      return NO_PANIC;
    }
    if (!redisUsable(nanos, nowMillis)) {
      return localStart(matchId, nowMillis);
    }
    m = matches.get(matchId);
    if (m != null && m.fresh(nanos, cacheNanos)) {
      return m.start() == UNKNOWN ? NO_PANIC : m.start();
    }
    try {
      byte[] stored = redis.call("panic-read", c -> c.get(key(matchId)));
      return read(matchId, stored, nanos, nowMillis);
    } catch (RuntimeException e) {
      enterFallback(e, nanos);
      return localStart(matchId, nowMillis);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The matches this process knows about (observed, or recently read), each checked against
   * Redis: starts in memory for less than {@link #LOCAL_CACHE} are used as they are, the others
   * are read in one pipelined round trip, and a match whose key is gone is left out. Panics known
   * only to other processes are not listed (that would take a SCAN). Calm graces that have
   * passed are settled, as by {@link #panicStart}. In fallback, this process's knowledge alone.
   * An unmodifiable snapshot sorted by match id.
   */
  @Override
  public Map<String, Long> activePanics(long nowMillis) {
    long nanos = ticker.nanoTime();
    beforeCall(nanos);
    for (Map.Entry<String, MatchPanic> e : matches.entrySet()) {
      MatchPanic m = e.getValue();
      if (!m.ended() && m.graceElapsed(nowMillis, calmGraceMillis)) {
        settleGrace(e.getKey(), nowMillis, nanos);
      }
    }
    Map<String, Long> active = new TreeMap<>();
    if (!redisUsable(nanos, nowMillis)) {
      for (String matchId : knownMatches(nowMillis)) {
        long start = localStart(matchId, nowMillis);
        if (start != NO_PANIC) {
          active.put(matchId, start);
        }
      }
      return Collections.unmodifiableMap(active);
    }
    Map<String, RedisFuture<byte[]>> reads = new LinkedHashMap<>();
    try {
      RedisClusterAsyncCommands<String, byte[]> commands = null;
      for (String matchId : knownMatches(nowMillis)) {
        MatchPanic m = matches.get(matchId);
        if (m != null && m.fresh(nanos, cacheNanos)) {
          if (m.start() != UNKNOWN) {
            active.put(matchId, m.start());
          }
          continue;
        }
        if (commands == null) {
          commands = redis.async();
        }
        reads.put(matchId, commands.get(key(matchId)));
      }
      if (!reads.isEmpty()) {
        redis.await("panic-active", CompletableFuture.allOf(reads.values().stream()
            .map(RedisFuture::toCompletableFuture).toArray(CompletableFuture[]::new)));
        for (Map.Entry<String, RedisFuture<byte[]>> r : reads.entrySet()) {
          long start = read(r.getKey(), r.getValue().toCompletableFuture().join(), nanos,
              nowMillis);
          if (start != NO_PANIC) {
            active.put(r.getKey(), start);
          }
        }
      }
    } catch (RuntimeException e) {
      enterFallback(e, nanos);
      for (String matchId : reads.keySet()) {
        long start = localStart(matchId, nowMillis);
        if (start != NO_PANIC) {
          active.put(matchId, start);
        }
      }
    }
    return Collections.unmodifiableMap(active);
  }

  /** Whether the clock is answering from this process's knowledge because Redis failed. */
  @Override
  public boolean inFallback() {
    return fallback.get();
  }

  /** How many times this clock has entered fallback: once per outage, however many calls. */
  public long fallbacks() {
    return fallbacks.sum();
  }

  /** The Redis key of a match's panic start. */
  public String key(String matchId) {
    return keyPrefix + matchId + "}";
  }

  private void observeCalm(String matchId, long nowMillis, long nanos) {
    if (!matches.containsKey(matchId)) {
      return;
    }
    MatchPanic after = matches.computeIfPresent(matchId, (id, old) -> {
      if (old.ended()) {
        return old;
      }
      if (calmGraceMillis == 0 || old.graceElapsed(nowMillis, calmGraceMillis)) {
        return old.end();
      }
      return old.calmSeen(nowMillis);
    });
    if (after != null && after.ended()) {
      deleteEnded(matchId, after, nanos, nowMillis);
    }
  }

  /** Ends a match whose calm grace has passed, or retries the DEL of one already ended. */
  private void settleGrace(String matchId, long nowMillis, long nanos) {
    MatchPanic after = matches.computeIfPresent(matchId, (id, old) ->
        !old.ended() && old.graceElapsed(nowMillis, calmGraceMillis) ? old.end() : old);
    if (after != null && after.ended()) {
      deleteEnded(matchId, after, nanos, nowMillis);
    }
  }

  private void deleteEnded(String matchId, MatchPanic ended, long nanos, long nowMillis) {
    corruptWarned.remove(matchId);
    // In fallback the DEL stays owed: the resynchronisation sends it.
    if (!redisUsable(nanos, nowMillis) || !ended.equals(matches.get(matchId))) {
      return;
    }
    try {
      redis.call("panic-end", c -> c.del(key(matchId)));
      matches.remove(matchId, ended);
    } catch (RuntimeException e) {
      enterFallback(e, nanos);
    }
  }

  /** Interprets a GET of the match's key and records what it says. */
  private long read(String matchId, byte[] stored, long nanos, long nowMillis) {
    if (stored == null) {
      matches.computeIfPresent(matchId, (id, old) -> old.absent(nanos));
      return NO_PANIC;
    }
    OptionalLong decoded = PanicStartCodec.decode(stored);
    if (decoded.isEmpty()) {
      warnCorrupt(matchId, PanicStartCodec.describe(stored));
      // Unknown: answer from memory; the next PANIC replaces the value with a fresh start.
      return localStart(matchId, nowMillis);
    }
    long start = decoded.getAsLong();
    MatchPanic m = matches.compute(matchId, (id, old) -> old != null && old.isStale(start)
        ? old.absent(nanos) : MatchPanic.confirmed(old, start, nanos, false));
    return m.start() == UNKNOWN ? NO_PANIC : m.start();
  }

  private void confirm(String matchId, PanicScript.Result result, long nanos, boolean refresh) {
    boolean expirySet = refresh || result.outcome() != Outcome.KEPT;
    matches.compute(matchId, (id, old) -> old != null && old.ended()
        ? old : MatchPanic.confirmed(old, result.start(), nanos, expirySet));
    if (result.outcome() == Outcome.REPAIRED) {
      warnCorrupt(matchId, result.replaced());
    }
  }

  /** What this process knows without Redis: the last start Redis reported, else its own. */
  private long localStart(String matchId, long nowMillis) {
    MatchPanic m = matches.get(matchId);
    if (m != null && (m.ended() || m.graceElapsed(nowMillis, calmGraceMillis))) {
      return NO_PANIC;
    }
    if (m != null && m.start() != UNKNOWN) {
      return m.start();
    }
    return local.panicStart(matchId, nowMillis);
  }

  private Set<String> knownMatches(long nowMillis) {
    Set<String> known = new HashSet<>(local.activePanics(nowMillis).keySet());
    matches.forEach((matchId, m) -> {
      if (m.ended()) {
        known.remove(matchId);
      } else {
        known.add(matchId);
      }
    });
    return known;
  }

  /**
   * Whether this call may use Redis. In fallback, or when a resynchronisation is due, the call
   * that wins the right to probe resynchronises first; the others answer from memory.
   */
  private boolean redisUsable(long nanos, long nowMillis) {
    if (!fallback.get() && !resyncDue.get()) {
      return true;
    }
    if (fallback.get() && !probeAllowed(nanos)) {
      return false;
    }
    if (!resyncing.compareAndSet(false, true)) {
      return !fallback.get();
    }
    try {
      long failuresBefore = failures.get();
      // Consumed before the round trip, so a signal that arrives during it is kept for later.
      resyncDue.set(false);
      int[] counts = resync(nowMillis, nanos);
      if (failures.get() == failuresBefore && fallback.compareAndSet(true, false)) {
        log.atInfo().addKeyValue("pushed", counts[0]).addKeyValue("deleted", counts[1])
            .addKeyValue("fallbacks", fallbacks.sum())
            .log("panic clock back on redis, resynchronised");
      }
      return !fallback.get();
    } catch (RuntimeException e) {
      enterFallback(e, nanos);
      return false;
    } finally {
      resyncing.set(false);
    }
  }

  private boolean probeAllowed(long nanos) {
    if (redisBack.getAndSet(false)) {
      return true;
    }
    if (sawDisconnected && redis.isConnected()) {
      // Lettuce reconnected since the failure.
      return true;
    }
    return nanos - lastFailureNanos >= retryNanos;
  }

  /**
   * Pushes what Redis may lack and deletes what this process ended, in one pipelined round trip
   * bounded by one command timeout (a PING if there is nothing to send, to prove Redis answers).
   *
   * @return {pushed, deleted}
   * @throws StoreException or another RuntimeException if Redis did not answer them all
   */
  private int[] resync(long nowMillis, long nanos) {
    RedisClusterAsyncCommands<String, byte[]> commands = redis.async();
    Map<String, RedisFuture<List<Object>>> pushes = new LinkedHashMap<>();
    Map<String, MatchPanic> deletes = new LinkedHashMap<>();
    List<CompletableFuture<?>> all = new ArrayList<>();
    Set<String> candidates = new HashSet<>(matches.keySet());
    candidates.addAll(local.activePanics(nowMillis).keySet());
    for (String matchId : candidates) {
      MatchPanic m = matches.get(matchId);
      if (m != null && m.ended()) {
        deletes.put(matchId, m);
        all.add(commands.del(key(matchId)).toCompletableFuture());
        continue;
      }
      if (m != null && (!m.unconfirmed() || m.graceElapsed(nowMillis, calmGraceMillis))) {
        continue;
      }
      long candidate = m != null && m.start() != UNKNOWN
          ? m.start() : local.panicStart(matchId, nowMillis);
      if (candidate == NO_PANIC) {
        continue;
      }
      RedisFuture<List<Object>> push = PanicScript.submit(commands, key(matchId), candidate,
          expiryMillis, true, Mode.EARLIEST, m == null ? MatchPanic.NONE : m.staleStart());
      pushes.put(matchId, push);
      all.add(push.toCompletableFuture());
    }
    if (all.isEmpty()) {
      all.add(commands.ping().toCompletableFuture());
    }
    redis.await("panic-resync", CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
    for (Map.Entry<String, RedisFuture<List<Object>>> p : pushes.entrySet()) {
      confirm(p.getKey(), PanicScript.parse(p.getValue().toCompletableFuture().join()), nanos,
          true);
    }
    deletes.forEach(matches::remove);
    if (!pushes.isEmpty() || !deletes.isEmpty()) {
      log.atDebug().addKeyValue("pushed", pushes.keySet()).addKeyValue("deleted", deletes.keySet())
          .log("panic clock resynchronised with redis");
    }
    return new int[] {pushes.size(), deletes.size()};
  }

  private void enterFallback(RuntimeException e, long nanos) {
    failures.incrementAndGet();
    lastFailureNanos = nanos;
    // The connection's flag can lag a rejection by a moment; beforeCall keeps watching it.
    sawDisconnected = !redis.isConnected();
    resyncDue.set(true);
    if (fallback.compareAndSet(false, true)) {
      // A "healthy" signal from before this failure says nothing about Redis now.
      redisBack.set(false);
      fallbacks.increment();
      log.atWarn().addKeyValue("error", e.toString()).addKeyValue("fallbacks", fallbacks.sum())
          .log("panic clock falling back to this process's knowledge");
    } else {
      log.atDebug().addKeyValue("error", e.toString()).log("panic clock still in fallback");
    }
  }

  private void onHealthChange(StoreHealth health) {
    if (health == StoreHealth.HEALTHY) {
      redisBack.set(true);
    } else if (health == StoreHealth.FALLBACK) {
      // Redis may have restarted empty while this clock served starts from memory.
      resyncDue.set(true);
    }
  }

  private void beforeCall(long nanos) {
    sweepIfDue(nanos);
    if (!redis.isConnected()) {
      resyncDue.set(true);
      sawDisconnected = true;
    }
  }

  private void warnCorrupt(String matchId, String value) {
    if (corruptWarned.add(matchId)) {
      log.atWarn().addKeyValue("matchId", matchId).addKeyValue("key", key(matchId))
          .addKeyValue("value", value)
          .log("panic start in redis is not epoch millis; treated as unknown and replaced");
    }
  }

  private void sweepIfDue(long nanos) {
    long last = lastSweepNanos.get();
    boolean due = last == NEVER || nanos - last >= refreshNanos;
    if (due && lastSweepNanos.compareAndSet(last, nanos)) {
      // Memory stays bounded by the matches touched within the last dead man's switch. The entry
      // set's removeIf removes an entry only if it is still the one tested.
      matches.entrySet().removeIf(e -> forgettable(e.getValue(), nanos));
      corruptWarned.retainAll(matches.keySet());
    }
  }

  private boolean forgettable(MatchPanic m, long nanos) {
    long touched = m.touchedAtNanos();
    if (touched == NEVER || nanos - touched >= deadMansSwitchNanos) {
      // Untouched this long: Redis has expired the key, unless another process keeps it alive.
      return true;
    }
    // A start this process only read, now stale: a plain cache entry.
    return m.lastPanicNanos() == NEVER && !m.ended() && m.calmSinceMillis() == NOT_CALM
        && !m.fresh(nanos, cacheNanos);
  }

  private static void requireMatchId(String matchId) {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("matchId must not be blank, got "
          + (matchId == null ? "null" : "'" + matchId + "'"));
    }
  }

  @Override
  public String toString() {
    return "RedisPanicClock{keys=" + keyPrefix + "<matchId>}, expiryMillis=" + expiryMillis
        + ", calmGraceMillis=" + calmGraceMillis + ", fallback=" + fallback.get()
        + ", fallbacks=" + fallbacks.sum() + ", trackedMatches=" + matches.size() + '}';
  }
}
