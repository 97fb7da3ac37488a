package dev.oddscache.vix;

import dev.oddscache.Markets;
import dev.oddscache.Status;
import dev.oddscache.Ticker;
import dev.oddscache.internal.Durations;
import dev.oddscache.internal.MatchCap;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The volatility index: classifies odds ticks by their z-score and answers, per market and per
 * match, the worst classification still held.
 *
 * <p><b>Model.</b> Per selection, with {@code x = ln(odds)} and {@code r = x − x_prev}, a tick's
 * z-score is {@code |r| / max(σ_prev, σ_min)}, where σ² is the exponentially weighted mean of r²
 * with weight α, updated after z is computed. The first {@link VixConfig#warmupTicks()} ticks of
 * a selection are NORMAL unless {@code |r| ≥ jumpThreshold} (PANIC); later ticks are PANIC from
 * {@code panicSigma}, WARNING from {@code warningSigma}, else NORMAL.
 *
 * <p><b>Held status.</b> A market's status at {@code now} is the worst classification among its
 * selections' ticks with {@code now − tickTime < hold}; a match's is the worst of its markets'.
 * Ticks timestamped after {@code now} count as held. Time is only ever the ticks' timestamps and
 * the {@code nowMillis} arguments (epoch milliseconds), so replays and tests need no clock.
 *
 * <p><b>Input.</b> Market ids are normalised with {@link Markets#normalise(String)}; match and
 * selection ids are compared exactly. Invalid ticks are rejected, and so are ticks dated more than
 * {@link VixConfig#maxFutureSkew()} after the detector's {@link Ticker} (a tick from the future
 * would hold its market's status until then and make every real tick out of order); ticks older
 * than their selection's last accepted tick are ignored; either way only the matching counter
 * changes. The ticker is the only clock the detector reads, so a simulation on virtual time gives
 * it its virtual ticker.
 *
 * <p><b>Bounded.</b> At most {@link VixConfig#maxMatches()} matches keep state: when a new match
 * takes the detector past it, calm matches are dropped before panicking ones, the least recently
 * ticked or asked for first ({@link #matchEvictions()} counts them), down to 90% of the cap.
 *
 * <p><b>Drift.</b> Each market also keeps a drift epoch (see {@link #epoch}): it advances when a
 * price has moved by {@link DriftConfig#threshold()} since the epoch began, on a jump, on a
 * suspension or re-open ({@link #marketStatusChanged}) and on an invalidating event ({@link
 * #advanceEpochs}). A value stamped with its markets' epochs when its load started ({@link
 * #stamp}) is {@link #drifted} once any of them has advanced. Epochs are a deterministic function
 * of the tick sequence, so every process fed the same ticks has the same epochs.
 *
 * <p><b>Cost and thread safety.</b> Thread-safe. {@link #accept} is O(1): nested {@link
 * ConcurrentHashMap}s (match → market → selection), a short lock on the market and lock-free
 * status marks; epoch reads take no lock. Status queries are O(1) per market. Memory grows with
 * the selections seen; call {@link #evictIdle(long)} or {@link #forget(String)} to release
 * finished matches. A tick that races with the eviction of its own match may be applied to the
 * evicted state and so be lost; the next ticks of that match start it afresh.
 */
public final class VixDetector {
  private static final Logger LOG = LoggerFactory.getLogger(VixDetector.class);

  private final VixConfig config;
  private final Ticker ticker;
  private final long maxFutureSkewMillis;
  private final MatchCap cap;
  private final long holdMillis;
  private final long trackingMillis;
  private final ConcurrentHashMap<String, MatchState> matches = new ConcurrentHashMap<>();
  /** The source of {@link #matchVersion}'s stamps: each taken once. */
  private final AtomicLong versions = new AtomicLong();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder[] classified = new LongAdder[Status.values().length];

  /** A detector on the system clock: for live feeds, and replays of recorded ones. */
  public VixDetector(VixConfig config) {
    this(config, Ticker.system());
  }

  /**
   * @param ticker the clock ticks may not be dated far after ({@link VixConfig#maxFutureSkew()})
   *     and that decides which matches panic when the detector is full: the feed's own clock in a
   *     simulation
   */
  public VixDetector(VixConfig config, Ticker ticker) {
    this.config = Objects.requireNonNull(config, "config");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.maxFutureSkewMillis = Durations.saturatedMillis(config.maxFutureSkew());
    this.cap = new MatchCap("maxMatches", config.maxMatches());
    this.holdMillis = config.holdMillis();
    this.trackingMillis = config.drift().trackingTimeoutMillis();
    for (int i = 0; i < classified.length; i++) {
      classified[i] = new LongAdder();
    }
  }

  /** A detector with {@link VixConfig#ofDefaults()}. */
  public static VixDetector ofDefaults() {
    return new VixDetector(VixConfig.ofDefaults());
  }

  public VixConfig config() {
    return config;
  }

  /**
   * Validates, classifies and records one tick.
   *
   * @return ACCEPTED with the tick's own classification and z-score; REJECTED with a reason naming
   *     the bad field and its value (a timestamp too far ahead of the ticker included); or
   *     OUT_OF_ORDER if the tick is older than its selection's last
   *     accepted tick (an equal timestamp is accepted)
   * @throws NullPointerException if {@code tick} is null, which is a programming error rather than
   *     bad feed data
   */
  public TickResult accept(OddsTick tick) {
    TickResult problem = invalid(tick);
    if (problem != null) {
      rejected.increment();
      return problem;
    }
    String market = Markets.normalise(tick.market());
    long timestamp = tick.timestampMillis();
    MatchState match = matchFor(tick.matchId(), timestamp);
    MarketState marketState = match.market(market, config.drift(), timestamp);
    TickResult result = marketState.apply(tick.selection(), tick.odds(), timestamp, config);
    if (result.outcome() == TickResult.Outcome.OUT_OF_ORDER) {
      outOfOrder.increment();
      return result;
    }
    match.touch(timestamp);
    Status status = result.status();
    if (status != Status.NORMAL) {
      long previous = marketState.marks.record(status, timestamp);
      match.marks.record(status, timestamp);
      match.version(versions.incrementAndGet());
      if (status == Status.PANIC && !StatusMarks.held(previous, timestamp, holdMillis)) {
        // Once per panic episode of a market, not per tick; DEBUG because a goal can start
        // episodes in every market of every live match at the same moment.
        LOG.atDebug()
            .setMessage("vix market entered panic")
            .addKeyValue("match", tick.matchId())
            .addKeyValue("market", market)
            .addKeyValue("selection", tick.selection())
            .addKeyValue("z", result.zScore())
            .log();
      }
    }
    accepted.increment();
    classified[status.ordinal()].increment();
    return result;
  }

  /**
   * The rejection {@link #accept} would give {@code tick} for its content (a blank id, bad odds, a
   * timestamp beyond {@link VixConfig#maxFutureSkew()} ahead of this detector's clock), or null;
   * changes nothing and counts nothing. For whoever must reject a tick before it reaches the
   * detectors of a fleet's shared feed.
   */
  public TickResult invalid(OddsTick tick) {
    Objects.requireNonNull(tick, "tick");
    TickResult problem = TickValidator.problem(tick);
    return problem != null ? problem : TickValidator.future(tick.timestampMillis(),
        ticker.epochMillis(), maxFutureSkewMillis, config.maxFutureSkew());
  }

  private MatchState matchFor(String matchId, long timestamp) {
    MatchState match = matches.get(matchId);
    if (match != null) {
      return match;
    }
    match = matches.computeIfAbsent(matchId,
        id -> new MatchState(timestamp, versions.incrementAndGet()));
    if (matches.size() > cap.max()) {
      trim();
    }
    return match;
  }

  private void trim() {
    long now = ticker.epochMillis();
    long before = cap.evictions();
    int dropped = cap.trim(matches, m -> m.marks.status(now, holdMillis) == Status.PANIC,
        MatchState::lastAskedMillis);
    if (dropped > 0) {
      // A line per trim, which drops a tenth of the cap: never a line per tick.
      (before == 0 ? LOG.atWarn() : LOG.atDebug())
          .setMessage("vix full: dropped matches, calm and least recently asked for first")
          .addKeyValue("dropped", dropped)
          .addKeyValue("maxMatches", cap.max())
          .addKeyValue("evictedTotal", cap.evictions())
          .log();
    }
  }

  /**
   * The held status of one market at {@code nowMillis}; NORMAL for an unknown match or market.
   *
   * @throws NullPointerException if {@code matchId} is null
   * @throws IllegalArgumentException if {@code market} is null or blank
   */
  public Status marketStatus(String matchId, String market, long nowMillis) {
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    if (match == null) {
      // Most requests are for matches without ticks: check the id without building its
      // normalised copy, which nothing here would use.
      if (market == null || market.isBlank()) {
        Markets.normalise(market);
      }
      return Status.NORMAL;
    }
    match.asked(nowMillis);
    MarketState state = match.existingMarket(Markets.normalise(market));
    return state == null ? Status.NORMAL : state.marks.status(nowMillis, holdMillis);
  }

  /**
   * A stamp of the status marks of a match, recording that it was asked for at {@code nowMillis}
   * (as {@link #matchStatus} does): 0 for a match without ticks, and a value the detector never
   * gave before whenever a mark of the match was recorded, or the match was dropped and came
   * back. While the stamp stays the same and the match's status is NORMAL, every status of the
   * match stays NORMAL, whatever the time: a decision made for it may be reused.
   *
   * @throws NullPointerException if {@code matchId} is null
   */
  public long matchVersion(String matchId, long nowMillis) {
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    if (match == null) {
      return 0;
    }
    match.asked(nowMillis);
    return match.version();
  }

  /**
   * The held status of a match at {@code nowMillis}: the worst of all its markets; NORMAL for an
   * unknown match.
   *
   * @throws NullPointerException if {@code matchId} is null
   */
  public Status matchStatus(String matchId, long nowMillis) {
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    if (match == null) {
      return Status.NORMAL;
    }
    match.asked(nowMillis);
    return match.marks.status(nowMillis, holdMillis);
  }

  /**
   * The status of a request that depends on {@code markets} of a match: the worst held status among
   * them; NORMAL if the collection is empty or none of them is known. O(number of markets).
   *
   * @throws NullPointerException if {@code matchId} or {@code markets} is null
   * @throws IllegalArgumentException if a market id is null or blank
   */
  public Status status(String matchId, Collection<String> markets, long nowMillis) {
    Objects.requireNonNull(markets, "markets");
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    if (match != null) {
      match.asked(nowMillis);
    }
    Status worst = Status.NORMAL;
    for (String market : markets) {
      String id = Markets.normalise(market);
      MarketState state = match == null ? null : match.existingMarket(id);
      if (state != null) {
        worst = Status.worst(worst, state.marks.status(nowMillis, holdMillis));
        if (worst == Status.PANIC) {
          break;
        }
      }
    }
    return worst;
  }

  /**
   * The held status at {@code nowMillis} of every market of a match that has had a tick, keyed by
   * normalised market id in alphabetical order; empty for an unknown match. An unmodifiable
   * snapshot, for dashboards.
   *
   * @throws NullPointerException if {@code matchId} is null
   */
  public SortedMap<String, Status> marketStatuses(String matchId, long nowMillis) {
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    TreeMap<String, Status> statuses = new TreeMap<>();
    if (match != null) {
      for (Map.Entry<String, MarketState> e : match.markets().entrySet()) {
        statuses.put(e.getKey(), e.getValue().marks.status(nowMillis, holdMillis));
      }
    }
    return Collections.unmodifiableSortedMap(statuses);
  }

  /**
   * The drift epoch of a market at {@code nowMillis}, or {@link DriftStamp#UNTRACKED} if it has
   * had no tick within {@link DriftConfig#trackingTimeout()} (or none at all).
   *
   * @throws NullPointerException if {@code matchId} is null
   * @throws IllegalArgumentException if {@code market} is null or blank
   */
  public long epoch(String matchId, String market, long nowMillis) {
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    String id = Markets.normalise(market);
    MarketState state = match == null ? null : match.existingMarket(id);
    return state == null ? DriftStamp.UNTRACKED : state.epochAt(nowMillis, trackingMillis);
  }

  /**
   * The epochs of {@code markets} of a match at {@code nowMillis}, to record with a value whose
   * load starts now; {@link DriftStamp#NONE} if the match id is null or none of the markets is
   * tracked. O(number of markets).
   *
   * @throws IllegalArgumentException if a market id is null or blank
   */
  public DriftStamp stamp(String matchId, Collection<String> markets, long nowMillis) {
    Objects.requireNonNull(markets, "markets");
    MatchState match = matchId == null ? null : matches.get(matchId);
    if (match == null || markets.isEmpty()) {
      return DriftStamp.NONE;
    }
    String[] ids = new String[markets.size()];
    long[] epochs = new long[ids.length];
    boolean anyTracked = false;
    int i = 0;
    for (String market : markets) {
      String id = Markets.normalise(market);
      MarketState state = match.existingMarket(id);
      ids[i] = id;
      epochs[i] = state == null ? DriftStamp.UNTRACKED : state.epochAt(nowMillis, trackingMillis);
      anyTracked |= epochs[i] != DriftStamp.UNTRACKED;
      i++;
    }
    return anyTracked ? DriftStamp.ofOwned(matchId, ids, epochs) : DriftStamp.NONE;
  }

  /**
   * Whether the prices behind a value stamped {@code stamp} have moved: any of its markets is at
   * another epoch now, or was tracked and is no longer (its feed fell silent, so nothing vouches
   * for the value). False for {@link DriftStamp#NONE}. O(number of markets), no allocation.
   */
  public boolean drifted(DriftStamp stamp, long nowMillis) {
    if (stamp.isNone()) {
      return false;
    }
    MatchState match = matches.get(stamp.matchId());
    for (int i = 0; i < stamp.size(); i++) {
      MarketState state = match == null ? null : match.existingMarket(stamp.market(i));
      long now = state == null ? DriftStamp.UNTRACKED : state.epochAt(nowMillis, trackingMillis);
      if (now != stamp.epoch(i)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any of {@code markets} (normalised ids) of a match is tracked at {@code nowMillis}:
   * a value loaded with no drift information is drifted once its markets have a feed.
   * Allocation-free.
   */
  public boolean anyTracked(String matchId, Collection<String> markets, long nowMillis) {
    MatchState match = matchId == null ? null : matches.get(matchId);
    if (match == null) {
      return false;
    }
    for (String market : markets) {
      MarketState state = match.existingMarket(market);
      if (state != null && state.tracked(nowMillis, trackingMillis)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A market was suspended or re-opened (a Betfair {@code marketDefinition.status} change): its
   * prices before and after are not comparable, so its epoch advances. Counts as feed activity
   * for tracking. Does nothing for a market that has had no tick.
   *
   * @return whether the market was known
   * @throws IllegalArgumentException if {@code market} is null or blank
   */
  public boolean marketStatusChanged(String matchId, String market, long timestampMillis) {
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    MarketState state = match == null ? null : match.existingMarket(Markets.normalise(market));
    if (state == null) {
      return false;
    }
    state.advanceEpoch(timestampMillis);
    return true;
  }

  /**
   * An invalidating event hit the markets of a match that {@code affected} accepts (normalised
   * ids): their epochs advance, so values stamped before the event are drifted.
   *
   * @return the number of markets advanced
   */
  public int advanceEpochs(String matchId, Predicate<String> affected) {
    Objects.requireNonNull(affected, "affected");
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    if (match == null) {
      return 0;
    }
    int advanced = 0;
    for (Map.Entry<String, MarketState> e : match.markets().entrySet()) {
      if (affected.test(e.getKey())) {
        e.getValue().advanceEpoch(Long.MIN_VALUE);
        advanced++;
      }
    }
    return advanced;
  }

  /**
   * Drops all state of a match, for example at full time.
   *
   * @return whether the match was known
   */
  public boolean forget(String matchId) {
    boolean known = matches.remove(Objects.requireNonNull(matchId, "matchId")) != null;
    if (known) {
      LOG.atDebug().setMessage("vix forgot match").addKeyValue("match", matchId).log();
    }
    return known;
  }

  /**
   * Drops every match whose latest accepted tick is older than {@code olderThanMillis} (a match
   * with a tick exactly at that instant stays). O(number of matches); meant to run periodically,
   * not per tick.
   *
   * @return the number of matches dropped
   */
  public int evictIdle(long olderThanMillis) {
    int evicted = 0;
    for (Map.Entry<String, MatchState> e : matches.entrySet()) {
      if (e.getValue().lastTickMillis() < olderThanMillis
          && matches.remove(e.getKey(), e.getValue())) {
        evicted++;
      }
    }
    if (evicted > 0) {
      LOG.atDebug()
          .setMessage("vix evicted idle matches")
          .addKeyValue("evicted", evicted)
          .addKeyValue("olderThanMillis", olderThanMillis)
          .addKeyValue("remaining", matches.size())
          .log();
    }
    return evicted;
  }

  /** The number of matches currently holding state. */
  public int matchCount() {
    return matches.size();
  }

  /** Matches dropped because the detector held {@link VixConfig#maxMatches()}. */
  public long matchEvictions() {
    return cap.evictions();
  }

  /** The clock ticks may not be dated far after. */
  public Ticker ticker() {
    return ticker;
  }

  /** Ticks accepted since construction, out-of-order and rejected ones excluded. */
  public long acceptedTicks() {
    return accepted.sum();
  }

  /** Ticks rejected as invalid since construction. */
  public long rejectedTicks() {
    return rejected.sum();
  }

  /** Ticks ignored as out of order since construction. */
  public long outOfOrderTicks() {
    return outOfOrder.sum();
  }

  /**
   * Accepted ticks classified as {@code status} since construction (each tick's own
   * classification, not held statuses); they sum to {@link #acceptedTicks()} once concurrent
   * calls have returned.
   */
  public long classifiedTicks(Status status) {
    return classified[Objects.requireNonNull(status, "status").ordinal()].sum();
  }
}
