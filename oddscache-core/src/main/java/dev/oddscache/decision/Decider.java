package dev.oddscache.decision;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.internal.ContextSlots;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.quota.PanicMode;
import dev.oddscache.quota.PanicState;
import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.vix.VixDetector;
import dev.oddscache.zone.Zone;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The imperative shell around {@link DecisionEngine}: for each request it reads the live
 * volatility status, records it into the breaker and the panic clock, and decides.
 * Thread-safe if its collaborators are (the provided ones are).
 */
public final class Decider {
  /**
   * How long after its latest decision a panicking match still counts in {@link
   * #panicMatchesByTier()} and {@link #panickingMatches()}. Without requests the process cannot
   * tell whether a match still panics, and the tier it last computed falls behind the panic's real
   * duration. Five minutes is five times the detector's default hold (60 s) and more than twice
   * the longest default panic TTL plus its stale window (60 s + 60 s), so a match still being
   * asked about at the pace its answers expire keeps its place; and it is short next to the
   * quota's shortest default tier (15 min, LOW), so a dropped match was never far behind.
   */
  public static final Duration PANIC_STALE_AFTER = Duration.ofMinutes(5);

  /**
   * How many panicking matches {@link #panickingMatches()} remembers by default: the same bound
   * as the panic clock's memory ({@link PanicClockConfig#DEFAULT_MAX_MATCHES}),
   * since both hold the matches requests report as panicking.
   */
  public static final int DEFAULT_MAX_PANICKING_MATCHES =
      PanicClockConfig.DEFAULT_MAX_MATCHES;

  private final DecisionEngine engine;
  private final VixDetector vix;
  private final PanicBreaker breaker;
  private final PanicClock panicClock;
  private final StakesClassifier stakes;
  private final Ticker ticker;
  private final DecisionLog decisionLog;
  private final ReusableDecisions reusable = new ReusableDecisions();

  /** A decider remembering at most {@link #DEFAULT_MAX_PANICKING_MATCHES} panicking matches. */
  public Decider(
      DecisionEngine engine,
      VixDetector vix,
      PanicBreaker breaker,
      PanicClock panicClock,
      StakesClassifier stakes,
      Ticker ticker) {
    this(engine, vix, breaker, panicClock, stakes, ticker, DEFAULT_MAX_PANICKING_MATCHES);
  }

  /**
   * @param maxPanickingMatches how many panicking matches {@link #panickingMatches()} remembers;
   *     past it, the least recently asked for leave first
   * @throws IllegalArgumentException if {@code maxPanickingMatches} is below 1
   */
  public Decider(
      DecisionEngine engine,
      VixDetector vix,
      PanicBreaker breaker,
      PanicClock panicClock,
      StakesClassifier stakes,
      Ticker ticker,
      int maxPanickingMatches) {
    this.decisionLog = new DecisionLog(PANIC_STALE_AFTER, maxPanickingMatches);
    this.engine = Objects.requireNonNull(engine, "engine");
    this.vix = Objects.requireNonNull(vix, "vix");
    this.breaker = Objects.requireNonNull(breaker, "breaker");
    this.panicClock = Objects.requireNonNull(panicClock, "panicClock");
    this.stakes = Objects.requireNonNull(stakes, "stakes");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /**
   * Decides for one request and records it: one breaker sample, one panic-clock observation, and
   * a log line if the match's panic tier changed.
   */
  public Decision decide(MatchContext context) {
    return decide(context, ticker.epochMillis());
  }

  /**
   * {@link #decide(MatchContext)} at {@code now}, a reading of this decider's ticker's {@link
   * Ticker#epochMillis()} the caller already made: a fresh hit reads the clock once for both the
   * decision and the value's age.
   */
  public Decision decide(MatchContext context, long now) {
    return decide(context, now, -1);
  }

  /**
   * {@link #decide(MatchContext, long)} with the stored value's own base TTL in place of the
   * context's or the zone's, when {@code valueBaseTtlSeconds} is {@code >= 0} (an HTTP response's
   * {@code max-age}); -1 for none.
   */
  public Decision decide(MatchContext context, long now, long valueBaseTtlSeconds) {
    Objects.requireNonNull(context, "context");
    Status status = statusOf(context, now);
    breaker.record(status, now);
    return decideAfterSample(context, status, now, valueBaseTtlSeconds);
  }

  /** The decision once the request's breaker sample, {@code status}, is recorded. */
  private Decision decideAfterSample(MatchContext context, Status status, long now,
      long valueBaseTtlSeconds) {
    String matchId = context.matchId();
    PanicState panic = PanicState.NONE;
    boolean matchPanics = status == Status.PANIC;
    if (matchId != null) {
      // The panic clock follows the match, whose status is the worst of all its markets,
      // not this request's markets: a request for a calm market of a match whose other
      // market panics must not end that panic, or alternating requests would hold the match at
      // tier 1 (TTL 0) for as long as its panic lasts.
      matchPanics = matchPanics || vix.matchStatus(matchId, now) == Status.PANIC;
      long start = panicClock.observe(matchId, matchPanics ? Status.PANIC : status, now);
      if (status == Status.PANIC && start != PanicClock.NO_PANIC) {
        panic = PanicState.lastingMillis(Math.max(0, now - start));
      }
    }
    Decision decision = evaluate(context, status, panic, now, valueBaseTtlSeconds);
    if (status == Status.PANIC || !matchPanics) {
      // A calm answer for a panicking match does not take the match off the panicking list.
      decisionLog.record(matchId, decision, now);
    }
    return decision;
  }

  /**
   * {@link #decide(MatchContext, long, long)} for a read of {@code key}, reusing the decision
   * made for the key's previous read when none of its inputs can have changed since: the same
   * context and value base TTL, a calm status (its match without a held WARNING or PANIC mark
   * and no new mark since), the same breaker mode, and the same zone (its next boundary not yet
   * reached). Only such calm decisions are kept: a panic's duration moves its tier. A reused
   * decision still records what a decision records for each request: one breaker sample, one
   * panic-clock observation and its place in the panicking list, at {@code now}.
   *
   * @throws NullPointerException if {@code key} or {@code context} is null
   */
  public Decision decide(String key, MatchContext context, long now, long valueBaseTtlSeconds) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(context, "context");
    String matchId = context.matchId();
    // The context object's own slot first: a caller that keeps its contexts finds its decision
    // there without a lookup; then the table by key, for equal contexts built per request.
    ReusableDecisions.Reusable r = (ReusableDecisions.Reusable) ContextSlots.get(context);
    if (r == null || !r.holdsFor(context, valueBaseTtlSeconds, now)) {
      r = reusable.get(key);
      if (r != null && !r.holdsFor(context, valueBaseTtlSeconds, now)) {
        r = null;
      }
    }
    // Read before the statuses: a mark recorded meanwhile changes it, so a decision kept below
    // is never newer than the stamp it is checked against.
    long version = matchId == null ? 0 : vix.matchVersion(matchId, now);
    if (r != null && version == r.matchVersion) {
      breaker.record(r.status, now);
      // The sample may have evaluated the breaker into another mode: then decide again, once.
      if (breaker.mode() == r.decision.breakerMode()) {
        if (matchId != null) {
          panicClock.observe(matchId, r.status, now);
        }
        // As a decision made afresh: a calm one takes its match off the panicking list (one
        // that panicked by a caller's status, which the detector does not see).
        decisionLog.record(matchId, r.decision, now);
        return r.decision;
      }
      return decideAfterSample(context, r.status, now, valueBaseTtlSeconds);
    }
    Decision decision = decide(context, now, valueBaseTtlSeconds);
    if (decision.status() != Status.PANIC && decision.panicMode() == PanicMode.NORMAL
        && (matchId == null || vix.matchStatus(matchId, now) == Status.NORMAL)) {
      ReusableDecisions.Reusable kept = new ReusableDecisions.Reusable(key, context,
          valueBaseTtlSeconds, decision, decision.status(), now,
          engine.zones().zoneUntilMillis(context.kickoff(), now), version);
      reusable.put(kept);
      ContextSlots.set(context, kept);
    }
    return decision;
  }

  /** The decision kept for reuse by the next read of {@code key}, or null: for tests. */
  Decision keptDecision(String key) {
    ReusableDecisions.Reusable r = reusable.get(key);
    return r == null ? null : r.decision;
  }

  /**
   * The aggregated status of a request: the caller's override if any, else the worst of its
   * markets (caller-supplied per-market statuses first, then the detector); NORMAL without
   * markets.
   */
  public Status statusOf(MatchContext context, long nowMillis) {
    if (context.status() != null) {
      return context.status();
    }
    String matchId = context.matchId();
    Map<String, Status> overrides = context.marketStatuses();
    Status worst = Status.NORMAL;
    for (String market : context.markets()) {
      Status s = overrides.get(market);
      if (s == null) {
        s = matchId == null ? Status.NORMAL : vix.marketStatus(matchId, market, nowMillis);
      }
      if (s == Status.PANIC) {
        return s;
      }
      worst = Status.worst(worst, s);
    }
    return worst;
  }

  private Decision evaluate(MatchContext context, Status status, PanicState panic, long now,
      long valueBaseTtlSeconds) {
    Zone zone = engine.zones().zoneOf(context.kickoff(), now);
    Stakes s = stakes.classify(context.competition(), context.name(), context.stakes());
    if (valueBaseTtlSeconds >= 0) {
      return engine.decide(zone, valueBaseTtlSeconds, status, breaker.mode(), panic, s);
    }
    return context.baseTtl() == null
        ? engine.decide(zone, status, breaker.mode(), panic, s)
        : engine.decide(zone, context.baseTtl().toSeconds(), status, breaker.mode(), panic, s);
  }

  /**
   * Panicking matches per tier (1 to 4), from each match's latest decision: the source of the
   * {@code oddscache_panic_matches{tier}} gauge. A match leaves when a calm decision is made for
   * it, or when it has had no decision for {@link #PANIC_STALE_AFTER}.
   */
  public Map<Integer, Long> panicMatchesByTier() {
    return decisionLog.matchesByTier(ticker.epochMillis());
  }

  /**
   * The latest decision of each match whose panic tier is above 0, by match id: what {@code
   * /v1/status} lists. A match leaves when a calm decision is made for it, or when it has had no
   * decision for {@link #PANIC_STALE_AFTER}.
   */
  public Map<String, Decision> panickingMatches() {
    return decisionLog.panicking(ticker.epochMillis());
  }

  /** Panicking matches dropped from {@link #panickingMatches()} because it was full. */
  public long panickingMatchEvictions() {
    return decisionLog.evictions();
  }

  /**
   * Decides for {@code context} from live state without recording anything (no breaker sample,
   * no panic-clock observation, no log): for explaining, e.g. {@code POST /v1/decisions}.
   */
  public Decision peek(MatchContext context) {
    long now = ticker.epochMillis();
    Status status = statusOf(context, now);
    PanicState panic = PanicState.NONE;
    if (context.matchId() != null && status == Status.PANIC) {
      long start = panicClock.panicStart(context.matchId(), now);
      if (start != PanicClock.NO_PANIC) {
        panic = PanicState.lastingMillis(Math.max(0, now - start));
      }
    }
    return evaluate(context, status, panic, now, -1);
  }

  /**
   * {@code decision} again with another base TTL, everything else as it was decided (zone,
   * status, breaker mode, panic duration, stakes): for a value that turned out to state its own
   * freshness after the request was decided. Records nothing.
   */
  public Decision rebase(Decision decision, long baseTtlSeconds) {
    Objects.requireNonNull(decision, "decision");
    if (decision.baseTtlExplicit() && decision.baseTtlSeconds() == baseTtlSeconds) {
      return decision;
    }
    Double minutes = decision.panicDurationMinutes();
    PanicState panic = decision.status() == Status.PANIC && minutes != null
        ? PanicState.lastingMillis(Math.round(minutes * 60_000)) : PanicState.NONE;
    return engine.decide(decision.zone(), baseTtlSeconds, decision.status(),
        decision.breakerMode(), panic, decision.stakes());
  }

  /** The stakes of a match from its context (explicit, else competition and name). */
  public Stakes stakesOf(MatchContext context) {
    return stakes.classify(context.competition(), context.name(), context.stakes());
  }

  public DecisionEngine engine() {
    return engine;
  }

  public PanicBreaker breaker() {
    return breaker;
  }

  public PanicClock panicClock() {
    return panicClock;
  }

  public VixDetector vix() {
    return vix;
  }

  public Ticker ticker() {
    return ticker;
  }
}
