package dev.oddscache.panic;

import dev.oddscache.Status;
import dev.oddscache.internal.MatchCap;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link PanicClock} for a single process, with the semantics of the shared Redis clock, expiry
 * included: the first PANIC stores the start with an expiry of {@code now + deadMansSwitch} (like
 * {@code SET NX PX}), later PANICs push the expiry back at most once per {@code refreshInterval}
 * (like a throttled {@code EXPIRE}), and calm deletes the start after {@code calmGrace}.
 *
 * <p>Time is only the {@code nowMillis} argument: this class never reads a clock and never sleeps.
 * A start is alive while {@code nowMillis < expiry}, so it lives exactly {@code deadMansSwitch}
 * after its last refresh. Durations in the config are used in whole milliseconds.
 *
 * <p>Thread-safe: every change to a match is one atomic {@link ConcurrentHashMap#compute}, so
 * concurrent first PANICs agree on one start. Dead entries are removed when touched, by {@link
 * #activePanics}, and by a sweep at most once per {@code refreshInterval} of observed time, so
 * memory is bounded by the matches that panicked within the last dead man's switch, and by {@link
 * PanicClockConfig#maxMatches()}: past it, matches within their calm grace are forgotten before
 * panicking ones, the least recently observed or asked for first, down to 90% of the cap ({@link
 * #matchEvictions()}). A forgotten match that panics again starts a new panic. Never throws except
 * for invalid arguments, and never falls back ({@link #inFallback()} is always false).
 */
public final class LocalPanicClock implements PanicClock {
  private final long deadMansSwitchMillis;
  private final long refreshIntervalMillis;
  private final long calmGraceMillis;
  private final MatchCap cap;
  private final ConcurrentHashMap<String, Entry> panics = new ConcurrentHashMap<>();
  private final AtomicLong lastSweepMillis = new AtomicLong(Long.MIN_VALUE);

  /** A clock with {@link PanicClockConfig#ofDefaults()}. */
  public LocalPanicClock() {
    this(PanicClockConfig.ofDefaults());
  }

  public LocalPanicClock(PanicClockConfig config) {
    Objects.requireNonNull(config, "config");
    this.deadMansSwitchMillis = config.deadMansSwitch().toMillis();
    this.refreshIntervalMillis = config.refreshInterval().toMillis();
    this.calmGraceMillis = config.calmGrace().toMillis();
    this.cap = new MatchCap("maxMatches", config.maxMatches());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Any status other than PANIC counts as calm, WARNING included.
   *
   * @throws IllegalArgumentException if {@code matchId} is null or blank, or {@code status} null
   */
  @Override
  public long observe(String matchId, Status status, long nowMillis) {
    requireMatchId(matchId);
    if (status == null) {
      throw new IllegalArgumentException("status must not be null, got null");
    }
    sweepIfDue(nowMillis);
    if (status == Status.PANIC) {
      long start = panics.compute(matchId, (id, entry) -> onPanic(entry, nowMillis)).startMillis;
      if (panics.size() > cap.max()) {
        cap.trim(panics, e -> e.calmSinceMillis == Entry.NOT_CALM, e -> e.askedAtMillis);
      }
      return start;
    }
    if (calmGraceMillis == 0) {
      panics.remove(matchId);
    } else {
      panics.computeIfPresent(matchId, (id, entry) -> onCalm(entry, nowMillis));
    }
    return NO_PANIC;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A match within its calm grace is still panicking.
   *
   * @throws IllegalArgumentException if {@code matchId} is null or blank
   */
  @Override
  public long panicStart(String matchId, long nowMillis) {
    requireMatchId(matchId);
    Entry entry = live(matchId, nowMillis);
    return entry == null ? NO_PANIC : entry.startMillis;
  }

  /**
   * {@inheritDoc}
   *
   * <p>An unmodifiable snapshot sorted by match id; matches within their calm grace are included.
   */
  @Override
  public Map<String, Long> activePanics(long nowMillis) {
    Map<String, Long> active = new TreeMap<>();
    panics.forEach((matchId, entry) -> {
      if (entry.aliveAt(nowMillis, calmGraceMillis)) {
        active.put(matchId, entry.startMillis);
      } else {
        panics.remove(matchId, entry);
      }
    });
    return Collections.unmodifiableMap(active);
  }

  /**
   * When the match's stored start will vanish if nothing else is observed: the dead man's switch
   * expiry, or the end of the calm grace if that comes first. Empty if no start is stored. Without
   * a current time this cannot tell whether that instant has passed; an entry not yet removed
   * lazily may report an expiry in the past. See {@link #expiresAtMillis(String, long)}.
   *
   * @throws IllegalArgumentException if {@code matchId} is null or blank
   */
  public OptionalLong expiresAtMillis(String matchId) {
    requireMatchId(matchId);
    Entry entry = panics.get(matchId);
    return entry == null ? OptionalLong.empty() : OptionalLong.of(vanishesAt(entry));
  }

  /**
   * Like {@link #expiresAtMillis(String)}, but empty if the start is not alive at {@code
   * nowMillis}.
   *
   * @throws IllegalArgumentException if {@code matchId} is null or blank
   */
  public OptionalLong expiresAtMillis(String matchId, long nowMillis) {
    requireMatchId(matchId);
    Entry entry = live(matchId, nowMillis);
    return entry == null ? OptionalLong.empty() : OptionalLong.of(vanishesAt(entry));
  }

  private long vanishesAt(Entry entry) {
    return entry.vanishesAt(calmGraceMillis);
  }

  /** How many matches are stored, dead ones not yet removed included; for memory tests. */
  public int storedMatches() {
    return panics.size();
  }

  /** Matches forgotten because the clock held {@link PanicClockConfig#maxMatches()}. */
  @Override
  public long matchEvictions() {
    return cap.evictions();
  }

  private Entry onPanic(Entry entry, long nowMillis) {
    if (entry == null || !entry.aliveAt(nowMillis, calmGraceMillis)) {
      return new Entry(nowMillis, plus(nowMillis, deadMansSwitchMillis), nowMillis, Entry.NOT_CALM)
          .asked(nowMillis);
    }
    entry.asked(nowMillis);
    // Mirrors the Redis clock, which sends EXPIRE at most once per interval, not per request.
    boolean refresh = nowMillis >= plus(entry.refreshedAtMillis, refreshIntervalMillis);
    if (!refresh && entry.calmSinceMillis == Entry.NOT_CALM) {
      return entry;
    }
    return (refresh
        ? new Entry(entry.startMillis, plus(nowMillis, deadMansSwitchMillis), nowMillis,
            Entry.NOT_CALM)
        : new Entry(entry.startMillis, entry.expiresAtMillis, entry.refreshedAtMillis,
            Entry.NOT_CALM)).asked(nowMillis);
  }

  private Entry onCalm(Entry entry, long nowMillis) {
    if (!entry.aliveAt(nowMillis, calmGraceMillis)) {
      return null;
    }
    if (entry.calmSinceMillis != Entry.NOT_CALM) {
      // The grace runs from the first calm observation; more calm does not extend it.
      return entry;
    }
    return new Entry(entry.startMillis, entry.expiresAtMillis, entry.refreshedAtMillis, nowMillis)
        .asked(entry.askedAtMillis);
  }

  /** The match's entry if alive at {@code nowMillis}; a dead one is removed on the way. */
  private Entry live(String matchId, long nowMillis) {
    Entry entry = panics.get(matchId);
    if (entry == null) {
      return null;
    }
    if (!entry.aliveAt(nowMillis, calmGraceMillis)) {
      // Conditional, so a panic restarted concurrently is not removed.
      panics.remove(matchId, entry);
      return null;
    }
    return entry.asked(nowMillis);
  }

  private void sweepIfDue(long nowMillis) {
    long last = lastSweepMillis.get();
    boolean due = last == Long.MIN_VALUE || nowMillis >= plus(last, refreshIntervalMillis);
    if (due && lastSweepMillis.compareAndSet(last, nowMillis)) {
      // Matches that are never observed again would otherwise stay stored forever.
      // The entry set's removeIf removes an entry only if it is still the one tested.
      panics.entrySet().removeIf(e -> !e.getValue().aliveAt(nowMillis, calmGraceMillis));
    }
  }

  private static long plus(long a, long b) {
    long sum = a + b;
    // Saturate instead of wrapping for instants near Long.MAX_VALUE.
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static void requireMatchId(String matchId) {
    if (matchId == null || matchId.isBlank()) {
      throw new IllegalArgumentException("matchId must not be blank, got "
          + (matchId == null ? "null" : "'" + matchId + "'"));
    }
  }

  @Override
  public String toString() {
    return "LocalPanicClock{deadMansSwitchMillis=" + deadMansSwitchMillis
        + ", refreshIntervalMillis=" + refreshIntervalMillis + ", calmGraceMillis="
        + calmGraceMillis + ", storedMatches=" + panics.size() + '}';
  }

  /**
   * One match's panic; immutable but for when it was last asked for, and replaced as a whole when
   * the panic itself changes.
   */
  private static final class Entry {
    static final long NOT_CALM = Long.MIN_VALUE;

    final long startMillis;
    final long expiresAtMillis;
    final long refreshedAtMillis;
    /** First calm observation since the last PANIC, or {@link #NOT_CALM}. */
    final long calmSinceMillis;
    /** The latest observation or read of the match: its recency when the clock is full. */
    volatile long askedAtMillis = Long.MIN_VALUE;

    Entry(long startMillis, long expiresAtMillis, long refreshedAtMillis, long calmSinceMillis) {
      this.startMillis = startMillis;
      this.expiresAtMillis = expiresAtMillis;
      this.refreshedAtMillis = refreshedAtMillis;
      this.calmSinceMillis = calmSinceMillis;
    }

    /** Records a read or observation at {@code nowMillis}; returns this entry. */
    Entry asked(long nowMillis) {
      if (nowMillis > askedAtMillis) {
        askedAtMillis = nowMillis;
      }
      return this;
    }

    boolean aliveAt(long nowMillis, long calmGraceMillis) {
      return nowMillis < vanishesAt(calmGraceMillis);
    }

    long vanishesAt(long calmGraceMillis) {
      if (calmSinceMillis == NOT_CALM) {
        return expiresAtMillis;
      }
      return Math.min(expiresAtMillis, plus(calmSinceMillis, calmGraceMillis));
    }
  }
}
