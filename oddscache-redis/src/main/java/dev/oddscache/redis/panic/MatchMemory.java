package dev.oddscache.redis.panic;

import static dev.oddscache.panic.PanicClock.NO_PANIC;
import static dev.oddscache.redis.panic.MatchPanic.NEVER;
import static dev.oddscache.redis.panic.MatchPanic.NOT_CALM;
import static dev.oddscache.redis.panic.MatchPanic.UNKNOWN;

import dev.oddscache.Status;
import dev.oddscache.internal.MatchCap;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.panic.PanicScript.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What this process knows about the panics of the matches it touches: per match, what Redis last
 * reported and what this process saw since ({@link MatchPanic}); and, for the fallback, a
 * {@link LocalPanicClock} fed with every observation. Nothing here talks to Redis.
 *
 * <p>Bounded: at most once per refresh interval, a sweep forgets the matches untouched for a
 * dead man's switch (Redis has expired their keys, unless another process keeps them alive) and
 * the starts this process only read that are no longer fresh. And capped at {@link
 * PanicClockConfig#maxMatches()}: past it, matches this process does not see panicking go first,
 * then the least recently touched, down to 90% of the cap; their keys stay in Redis until they
 * expire or another process ends them.
 *
 * <p>Thread-safe. Per-match changes are atomic ({@link ConcurrentHashMap#compute}).
 */
final class MatchMemory {
  private final ConcurrentHashMap<String, MatchPanic> matches = new ConcurrentHashMap<>();
  private final LocalPanicClock local;
  private final CorruptStarts corrupt;
  private final long cacheNanos;
  private final long refreshNanos;
  private final long calmGraceMillis;
  private final long deadMansSwitchNanos;
  private final AtomicLong lastSweepNanos = new AtomicLong(NEVER);
  private final MatchCap cap;

  /** @param localCache how long a start reported by Redis is served without asking again */
  MatchMemory(PanicClockConfig config, Duration localCache, CorruptStarts corrupt) {
    this.local = new LocalPanicClock(config);
    this.corrupt = corrupt;
    this.cacheNanos = localCache.toNanos();
    this.refreshNanos = config.refreshInterval().toNanos();
    this.calmGraceMillis = config.calmGrace().toMillis();
    this.deadMansSwitchNanos = config.deadMansSwitch().toNanos();
    this.cap = new MatchCap("maxMatches", config.maxMatches());
  }

  /** Feeds the local clock, which knows every panic this process saw; returns its start. */
  long observeLocally(String matchId, Status status, long nowMillis) {
    return local.observe(matchId, status, nowMillis);
  }

  MatchPanic get(String matchId) {
    return matches.get(matchId);
  }

  /** Records a PANIC observation at {@code nowMillis}, ticker {@code nanos}. */
  MatchPanic panicSeen(String matchId, long nowMillis, long nanos) {
    return matches.compute(matchId,
        (id, old) -> MatchPanic.panicSeen(old, nowMillis, calmGraceMillis, nanos));
  }

  /**
   * Records a calm observation; ends the panic if the calm grace has passed (at once if there is
   * none). A match this process does not know costs nothing.
   *
   * @return the match's state after, null if unknown
   */
  MatchPanic calmSeen(String matchId, long nowMillis) {
    if (!matches.containsKey(matchId)) {
      return null;
    }
    return afterEnd(matchId, matches.computeIfPresent(matchId, (id, old) -> {
      if (old.ended()) {
        return old;
      }
      if (calmGraceMillis == 0 || old.graceElapsed(nowMillis, calmGraceMillis)) {
        return old.end(nowMillis);
      }
      return old.calmSeen(nowMillis);
    }));
  }

  /**
   * Ends the panic if its calm grace has passed.
   *
   * @return the match's state after, null if unknown
   */
  MatchPanic settle(String matchId, long nowMillis) {
    return afterEnd(matchId, matches.computeIfPresent(matchId, (id, old) ->
        !old.ended() && old.graceElapsed(nowMillis, calmGraceMillis) ? old.end(nowMillis) : old));
  }

  /** The matches whose calm grace has passed but that are not ended yet. */
  List<String> graceElapsed(long nowMillis) {
    List<String> due = new ArrayList<>();
    matches.forEach((matchId, m) -> {
      if (!m.ended() && m.graceElapsed(nowMillis, calmGraceMillis)) {
        due.add(matchId);
      }
    });
    return due;
  }

  /** Whether this process ended the panic, or its calm grace has passed. */
  boolean over(MatchPanic m, long nowMillis) {
    return m.ended() || m.graceElapsed(nowMillis, calmGraceMillis);
  }

  /** Whether what Redis last reported for {@code m} may still be served without asking. */
  boolean fresh(MatchPanic m, long nanos) {
    return m.fresh(nanos, cacheNanos);
  }

  boolean refreshDue(MatchPanic m, long nanos) {
    return m.refreshDue(nanos, refreshNanos);
  }

  /** Whether {@code m} is still what this process knows of the match. */
  boolean isCurrent(String matchId, MatchPanic m) {
    return m.equals(matches.get(matchId));
  }

  /** Redis deleted the key of an ended panic: forgets it, unless it changed meanwhile. */
  void deleted(String matchId, MatchPanic ended) {
    matches.remove(matchId, ended);
  }

  /**
   * Interprets a GET of the match's key and records what it says.
   *
   * @return the start, or {@link dev.oddscache.panic.PanicClock#NO_PANIC}
   */
  long read(String matchId, byte[] stored, long nanos, long nowMillis) {
    if (stored == null) {
      matches.computeIfPresent(matchId, (id, old) -> old.absent(nanos));
      return NO_PANIC;
    }
    OptionalLong decoded = PanicStartCodec.decode(stored);
    if (decoded.isEmpty()) {
      corrupt.warn(matchId, PanicStartCodec.describe(stored));
      // Unknown: answer from memory; the next PANIC replaces the value with a fresh start.
      return localStart(matchId, nowMillis);
    }
    long start = decoded.getAsLong();
    MatchPanic m = matches.compute(matchId, (id, old) -> old != null && old.isStale(start)
        ? old.absent(nanos) : MatchPanic.confirmed(old, start, nanos, false));
    return m.start() == UNKNOWN ? NO_PANIC : m.start();
  }

  /**
   * Records what the panic script answered; {@code refresh} if it was asked to.
   *
   * @return the start, or {@link dev.oddscache.panic.PanicClock#NO_PANIC} if the script found
   *     none ({@link Outcome#NONE}: the panic this process held was ended by another process)
   */
  long confirm(String matchId, PanicScript.Result result, long nanos, boolean refresh) {
    if (result.outcome() == Outcome.NONE) {
      matches.computeIfPresent(matchId, (id, old) -> old.absent(nanos));
      return NO_PANIC;
    }
    boolean expirySet = refresh || result.outcome() != Outcome.KEPT;
    matches.compute(matchId, (id, old) -> old != null && old.ended()
        ? old : MatchPanic.confirmed(old, result.start(), nanos, expirySet));
    if (result.outcome() == Outcome.REPAIRED) {
      corrupt.warn(matchId, result.replaced());
    }
    return result.start();
  }

  /**
   * The start this process restores if Redis lost the key: that of a panic it saw and has not
   * seen end, else {@link MatchPanic#NONE} ({@link MatchPanic#held}).
   */
  long held(MatchPanic m, long nowMillis, long nanos) {
    return m == null ? MatchPanic.NONE
        : m.held(nowMillis, calmGraceMillis, nanos, deadMansSwitchNanos);
  }

  /** What this process knows without Redis: the last start Redis reported, else its own. */
  long localStart(String matchId, long nowMillis) {
    MatchPanic m = matches.get(matchId);
    if (m != null && over(m, nowMillis)) {
      return NO_PANIC;
    }
    if (m != null && m.start() != UNKNOWN) {
      return m.start();
    }
    return local.panicStart(matchId, nowMillis);
  }

  /** The matches whose panic this process knows of and has not ended. */
  Set<String> known(long nowMillis) {
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

  /** Every match a resynchronisation may have to push or delete. */
  Set<String> resyncCandidates(long nowMillis) {
    Set<String> candidates = new HashSet<>(matches.keySet());
    candidates.addAll(local.activePanics(nowMillis).keySet());
    return candidates;
  }

  /**
   * The start a resynchronisation restores for a match not ended, or {@link MatchPanic#NONE}:
   * every panic this process saw since Redis last confirmed it, and every other panic it saw and
   * has not seen end ({@link #held}: Redis may have lost what it confirmed). The start Redis last
   * reported for it, else this process's first sighting. Matches this process only read are left
   * alone.
   */
  long toPush(String matchId, MatchPanic m, long nowMillis, long nanos) {
    if (m == null) {
      // Swept from memory, but the local clock still knows the panic.
      long local = this.local.panicStart(matchId, nowMillis);
      return local == NO_PANIC ? MatchPanic.NONE : local;
    }
    if (!m.unconfirmed() || over(m, nowMillis)) {
      return held(m, nowMillis, nanos);
    }
    if (m.start() != UNKNOWN) {
      return m.start();
    }
    long local = this.local.panicStart(matchId, nowMillis);
    return local == NO_PANIC ? MatchPanic.NONE : local;
  }

  /** Runs the sweep if a refresh interval has passed since the last one. */
  void sweepIfDue(long nanos) {
    if (matches.size() > cap.max()) {
      // Ended panics still owe their DEL: kept with the panicking ones.
      cap.trim(matches, m -> m.ended() || m.lastPanicNanos() != NEVER
          && m.calmSinceMillis() == NOT_CALM, MatchPanic::touchedAtNanos);
    }
    long last = lastSweepNanos.get();
    boolean due = last == NEVER || nanos - last >= refreshNanos;
    if (due && lastSweepNanos.compareAndSet(last, nanos)) {
      // The entry set's removeIf removes an entry only if it is still the one tested.
      matches.entrySet().removeIf(e -> forgettable(e.getValue(), nanos));
      corrupt.retainOnly(matches.keySet());
    }
  }

  int size() {
    return matches.size();
  }

  /** Matches forgotten because memory, or the local fallback clock, held the cap. */
  long evictions() {
    return cap.evictions() + local.matchEvictions();
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

  private MatchPanic afterEnd(String matchId, MatchPanic after) {
    if (after != null && after.ended()) {
      corrupt.forget(matchId);
    }
    return after;
  }
}
