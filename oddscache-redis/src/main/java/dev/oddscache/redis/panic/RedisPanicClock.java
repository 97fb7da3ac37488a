package dev.oddscache.redis.panic;

import static dev.oddscache.redis.panic.MatchPanic.UNKNOWN;

import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.panic.ClockEvent.Resynced;
import dev.oddscache.redis.panic.ClockFallback.Access;
import dev.oddscache.store.StoreHealth;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The panic clock shared by every process on one Redis: one key per match, {@code
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
 *   <li><b>Continuity</b>: every call that goes to Redis for a panic this process saw and has not
 *       seen end also carries the start it holds. If Redis lost it (evicted, flushed, restarted
 *       empty, a lagging replica promoted) or holds a later start that a process unaware of it
 *       wrote, the script stores the held start (the earliest wins) in that same round trip,
 *       unless the match's end mark says a process ended a panic at or after that start. Each
 *       restore is counted ({@link #lostStarts()}) and logged on change ({@code LostStarts}).
 *   <li><b>PANIC</b>, start in memory: the start Redis reported less than {@link #LOCAL_CACHE} ago
 *       (ticker time) is served with no command. Once per {@link
 *       PanicClockConfig#refreshInterval()} per match and process, the script also pushes the
 *       expiry back ({@code PEXPIRE}), never per request. So a hot match costs one round trip
 *       per second per process, whatever the request rate.
 *   <li><b>Calm</b> (any other status): after {@link PanicClockConfig#calmGrace()} of calm without
 *       PANIC, judged on {@code nowMillis} by this process, {@code DEL} of the start and {@code
 *       SET} of the end mark ({@code {prefix}:panic-ended:{<matchId>}}, the instant it ended).
 *       The grace is settled by the next call that touches the match, so a key may outlive the
 *       grace until then. A match this process never saw panicking costs no command: calm
 *       traffic is free.
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
 * on entry and on return, never per call): calls then answer from memory with no command,
 * from the last start Redis reported, else from a {@link LocalPanicClock} fed with every
 * observation, so a PANIC always gets a start (a panic first seen during the outage starts then:
 * tier 1). Nothing throws to the caller, and nothing falls back to "TTL 0 for everything",
 * which would send every request to the backend just when Redis cannot help protect it.
 *
 * <p>While in fallback, one call tries Redis again as soon as the connector reports it healthy or
 * reconnected, else at most once per {@link #RETRY_INTERVAL} of ticker time. That call
 * resynchronises, in one pipelined round trip, before answering:
 *
 * <ul>
 *   <li>every match this process has seen PANIC for and has not seen end (the panics that
 *       Redis may have lost or never heard of, idle ones included) is merged with the <b>earliest
 *       start wins</b> rule: stored if absent, replacing a later stored start, yielding to an
 *       earlier or equal one, and left alone if an end was marked at or after it. The candidate is
 *       the last start Redis reported for the current panic, else this process's first sighting.
 *       The rule is commutative, so every process converges on the same start whatever the order
 *       in which they come back; and the earliest is the start of the panic as a whole, which is
 *       what the quota measures. Matches only read are left alone;
 *   <li>every panic this process ended during the outage is deleted.
 * </ul>
 *
 * The same resynchronisation runs, with the clock still answering, when the connector reports a
 * disconnection or FALLBACK that this clock's own calls did not see (Redis may have restarted
 * empty behind the cache). No restart of the clock is needed.
 *
 * <p>Limits. A process started while Redis has lost a start, before any holder's next round trip,
 * starts a new panic; the holder's next round trip replaces it with the earlier start. If the end
 * mark is lost too, a panic another process ended comes back with the holder's start until the
 * holder sees calm: the processes disagreed on the status, and the longer panic is the safer
 * reading for the backend. A start this process has not refreshed for a dead man's switch is not
 * restored: Redis would have expired it. {@link #activePanics} lists the panics this
 * process knows about (observed, or read within about the last refresh interval), checked
 * against Redis; panics that only other processes know are not listed, because finding them
 * would need a SCAN over the keyspace (every node on Cluster).
 *
 * <p>Thread-safe. Per-match state changes are atomic ({@code MatchMemory}), and so are the
 * clock's moves between online, fallback and resynchronising ({@code ClockFallback}); no lock is
 * held while waiting for Redis. When the start in memory is stale, one thread per match asks
 * Redis while the others keep serving it.
 */
public final class RedisPanicClock implements PanicClock {
  /**
   * How long a start reported by Redis is served from memory: at most one second, so that a
   * start another process stored or ended is seen here within a second.
   */
  public static final Duration LOCAL_CACHE = Duration.ofSeconds(1);

  /** In fallback, the longest wait between two tries when nothing signals Redis's return. */
  public static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private final RedisConnector redis;
  private final Ticker ticker;
  private final PanicKeys keys;
  private final long expiryMillis;
  private final long calmGraceMillis;
  private final MatchMemory memory;
  private final ClockFallback fallback;
  private final PanicResync resync;
  private final Set<String> asking = ConcurrentHashMap.newKeySet();
  private final LostStarts lost;

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
    this.keys = new PanicKeys(connector.prefix());
    this.expiryMillis = config.deadMansSwitch().toMillis();
    this.calmGraceMillis = config.calmGrace().toMillis();
    this.memory = new MatchMemory(config, LOCAL_CACHE, new CorruptStarts(keys));
    this.fallback = new ClockFallback(ticker, RETRY_INTERVAL);
    this.lost = new LostStarts();
    this.resync = new PanicResync(connector, keys, memory, expiryMillis, lost, this::endCommands);
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
    long localStart = memory.observeLocally(matchId, status, nowMillis);
    long nanos = ticker.nanoTime();
    beforeCall(nanos);
    if (status != Status.PANIC) {
      MatchPanic after = memory.calmSeen(matchId, nowMillis);
      if (after != null && after.ended()) {
        deleteEnded(matchId, after, nanos, nowMillis);
      }
      return NO_PANIC;
    }
    MatchPanic seen = memory.panicSeen(matchId, nowMillis, nanos);
    if (!redisUsable(nanos, nowMillis)) {
      return seen.start() != UNKNOWN ? seen.start() : localStart;
    }
    // A resynchronisation may just have confirmed this match.
    MatchPanic current = memory.get(matchId);
    MatchPanic m = current != null ? current : seen;
    boolean refresh = memory.refreshDue(m, nanos);
    boolean known = m.start() != UNKNOWN;
    if (known && memory.fresh(m, nanos) && !refresh) {
      return m.start();
    }
    if (known && !asking.add(matchId)) {
      // Another thread is asking Redis; the start in memory is at most one round trip older.
      return m.start();
    }
    try {
      if (known) {
        // The thread that asked before this one may have finished between this thread's read of
        // memory and its claim: what it confirmed answers this call too.
        MatchPanic again = memory.get(matchId);
        if (again != null && again.start() != UNKNOWN && memory.fresh(again, nanos)
            && !memory.refreshDue(again, nanos)) {
          return again.start();
        }
      }
      // Without a start in memory every caller asks: each must get the first writer's start.
      long held = memory.held(m, nowMillis, nanos);
      PanicScript.Result result = PanicScript.parse(redis.await("panic-start",
          PanicScript.submit(redis.async(), keys.key(matchId), keys.endKey(matchId), nowMillis,
              expiryMillis, refresh, held, m.staleStart())));
      long start = memory.confirm(matchId, result, nanos, refresh);
      lost.restoredIf(result, matchId, nanos);
      return start;
    } catch (RuntimeException e) {
      failed(e);
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
    MatchPanic m = memory.get(matchId);
    if (m != null && memory.over(m, nowMillis)) {
      settleGrace(matchId, nowMillis, nanos);
      return NO_PANIC;
    }
    if (!redisUsable(nanos, nowMillis)) {
      return memory.localStart(matchId, nowMillis);
    }
    m = memory.get(matchId);
    if (m != null && memory.fresh(m, nanos)) {
      return m.start() == UNKNOWN ? NO_PANIC : m.start();
    }
    long held = memory.held(m, nowMillis, nanos);
    try {
      if (held != MatchPanic.NONE) {
        // A panic this process saw: the script tells a lost key (restored) from an ended panic.
        return heldAnswer(matchId, redis.await("panic-read",
            readHeld(redis.async(), matchId, m, held)), nanos);
      }
      byte[] stored = redis.call("panic-read", c -> c.get(keys.key(matchId)));
      return memory.read(matchId, stored, nanos, nowMillis);
    } catch (RuntimeException e) {
      failed(e);
      return memory.localStart(matchId, nowMillis);
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
    for (String matchId : memory.graceElapsed(nowMillis)) {
      settleGrace(matchId, nowMillis, nanos);
    }
    Map<String, Long> active = new TreeMap<>();
    if (!redisUsable(nanos, nowMillis)) {
      addLocalStarts(active, memory.known(nowMillis), nowMillis);
      return Collections.unmodifiableMap(active);
    }
    Map<String, CompletableFuture<byte[]>> reads = new LinkedHashMap<>();
    Map<String, CompletableFuture<List<Object>>> heldReads = new LinkedHashMap<>();
    try {
      RedisClusterAsyncCommands<String, byte[]> commands = null;
      for (String matchId : memory.known(nowMillis)) {
        MatchPanic m = memory.get(matchId);
        if (m != null && memory.fresh(m, nanos)) {
          if (m.start() != UNKNOWN) {
            active.put(matchId, m.start());
          }
          continue;
        }
        if (commands == null) {
          commands = redis.async();
        }
        long held = memory.held(m, nowMillis, nanos);
        if (held != MatchPanic.NONE) {
          heldReads.put(matchId, readHeld(commands, matchId, m, held));
        } else {
          reads.put(matchId, commands.get(keys.key(matchId)).toCompletableFuture());
        }
      }
      if (!reads.isEmpty() || !heldReads.isEmpty()) {
        List<CompletableFuture<?>> all = new ArrayList<>(reads.values());
        all.addAll(heldReads.values());
        redis.await("panic-active", CompletableFuture.allOf(
            all.toArray(CompletableFuture[]::new)));
        for (Map.Entry<String, CompletableFuture<byte[]>> r : reads.entrySet()) {
          long start = memory.read(r.getKey(), r.getValue().join(), nanos, nowMillis);
          if (start != NO_PANIC) {
            active.put(r.getKey(), start);
          }
        }
        for (Map.Entry<String, CompletableFuture<List<Object>>> r : heldReads.entrySet()) {
          long start = heldAnswer(r.getKey(), r.getValue().join(), nanos);
          if (start != NO_PANIC) {
            active.put(r.getKey(), start);
          }
        }
      }
    } catch (RuntimeException e) {
      failed(e);
      addLocalStarts(active, reads.keySet(), nowMillis);
      addLocalStarts(active, heldReads.keySet(), nowMillis);
    }
    return Collections.unmodifiableMap(active);
  }

  /** Whether the clock is answering from this process's knowledge because Redis failed. */
  @Override
  public boolean inFallback() {
    return fallback.inFallback();
  }

  /** How many times this clock has entered fallback: once per outage, however many calls. */
  public long fallbacks() {
    return fallback.fallbacks();
  }

  /**
   * How many times this clock found the start of a panic it saw, and had not seen end, missing
   * from Redis (evicted, flushed, lost in a restart or a failover) or overtaken by a later start
   * that a process unaware of it wrote, and restored it.
   */
  @Override
  public long lostStarts() {
    return lost.count();
  }

  /** Matches forgotten from process memory because it held the configured cap. */
  @Override
  public long matchEvictions() {
    return memory.evictions();
  }

  /** How many matches this process remembers, for memory tests. */
  int trackedMatches() {
    return memory.size();
  }

  /** The Redis key of a match's panic start. */
  public String key(String matchId) {
    return keys.key(matchId);
  }

  /** The Redis key that marks when a process last ended a panic of the match. */
  public String endKey(String matchId) {
    return keys.endKey(matchId);
  }

  /** Sends the panic script for a start this process holds, reading and restoring it only. */
  private CompletableFuture<List<Object>> readHeld(
      RedisClusterAsyncCommands<String, byte[]> commands, String matchId, MatchPanic m,
      long held) {
    return PanicScript.submit(commands, keys.key(matchId), keys.endKey(matchId),
        MatchPanic.NONE, expiryMillis, false, held, m.staleStart());
  }

  /** Records what the script said of a held start; the start, or NO_PANIC if it ended. */
  private long heldAnswer(String matchId, List<Object> reply, long nanos) {
    PanicScript.Result result = PanicScript.parse(reply);
    long start = memory.confirm(matchId, result, nanos, false);
    lost.restoredIf(result, matchId, nanos);
    return start;
  }

  /** Ends a match whose calm grace has passed, or retries the DEL of one already ended. */
  private void settleGrace(String matchId, long nowMillis, long nanos) {
    MatchPanic after = memory.settle(matchId, nowMillis);
    if (after != null && after.ended()) {
      deleteEnded(matchId, after, nanos, nowMillis);
    }
  }

  private void deleteEnded(String matchId, MatchPanic ended, long nanos, long nowMillis) {
    // In fallback the DEL stays owed: the resynchronisation sends it.
    if (!redisUsable(nanos, nowMillis) || !memory.isCurrent(matchId, ended)) {
      return;
    }
    try {
      RedisClusterAsyncCommands<String, byte[]> c = redis.async();
      redis.await("panic-end", CompletableFuture.allOf(endCommands(c, matchId, ended)));
      memory.deleted(matchId, ended);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /**
   * Deletes the start and marks the end, so a process that still holds the start does not take
   * the missing key for a loss and restore it.
   */
  CompletableFuture<?>[] endCommands(RedisClusterAsyncCommands<String, byte[]> c,
      String matchId, MatchPanic ended) {
    return new CompletableFuture<?>[] {c.del(keys.key(matchId)).toCompletableFuture(),
        c.set(keys.endKey(matchId), PanicStartCodec.encode(ended.endedAtMillis()),
            SetArgs.Builder.px(expiryMillis)).toCompletableFuture()};
  }

  private void addLocalStarts(Map<String, Long> active, Set<String> matchIds, long nowMillis) {
    for (String matchId : matchIds) {
      long start = memory.localStart(matchId, nowMillis);
      if (start != NO_PANIC) {
        active.put(matchId, start);
      }
    }
  }

  /**
   * Whether this call may use Redis. In fallback, or when a resynchronisation is due, the call
   * that wins the right to try resynchronises first; the others answer as the state says.
   */
  private boolean redisUsable(long nanos, long nowMillis) {
    Access access = fallback.tryRedis(redis.isConnected());
    if (access != Access.RESYNC) {
      return access == Access.REDIS;
    }
    try {
      Resynced done = resync.run(nowMillis, nanos);
      return fallback.resynced(done.pushed(), done.deleted());
    } catch (RuntimeException e) {
      fallback.failed(e, true, redis.isConnected());
      return false;
    }
  }

  private void failed(RuntimeException e) {
    // The connection's flag can lag a rejection by a moment; beforeCall keeps watching it.
    fallback.failed(e, false, redis.isConnected());
  }

  private void onHealthChange(StoreHealth health) {
    if (health == StoreHealth.HEALTHY) {
      fallback.redisHealthy();
    } else if (health == StoreHealth.FALLBACK) {
      // Redis may have restarted empty while this clock served starts from memory.
      fallback.resyncDue();
    }
  }

  private void beforeCall(long nanos) {
    memory.sweepIfDue(nanos);
    if (!redis.isConnected()) {
      fallback.disconnectionSeen();
    }
  }

  private static void requireMatchId(String matchId) {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("matchId must not be blank, got "
          + (matchId == null ? "null" : "'" + matchId + "'"));
    }
  }

  @Override
  public String toString() {
    return "RedisPanicClock{keys=" + keys + ", expiryMillis=" + expiryMillis
        + ", calmGraceMillis=" + calmGraceMillis + ", fallback=" + fallback.inFallback()
        + ", fallbacks=" + fallback.fallbacks() + ", trackedMatches=" + memory.size() + '}';
  }
}
