package dev.oddscache.vix;

import dev.oddscache.Markets;
import dev.oddscache.Status;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
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
 * selection ids are compared exactly. Invalid ticks are rejected and ticks older than their
 * selection's last accepted tick are ignored; either way only the matching counter changes.
 *
 * <p><b>Cost and thread safety.</b> Thread-safe. {@link #accept} is O(1): nested {@link
 * ConcurrentHashMap}s (match → market → selection), a short lock on the selection and lock-free
 * status marks. Status queries are O(1) per market. Memory grows with the selections seen; call
 * {@link #evictIdle(long)} or {@link #forget(String)} to release finished matches. A tick that
 * races with the eviction of its own match may be applied to the evicted state and so be lost;
 * the next ticks of that match start it afresh.
 */
public final class VixDetector {
  private static final Logger LOG = LoggerFactory.getLogger(VixDetector.class);

  private final VixConfig config;
  private final long holdMillis;
  private final ConcurrentHashMap<String, MatchState> matches = new ConcurrentHashMap<>();
  private final LongAdder accepted = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder outOfOrder = new LongAdder();
  private final LongAdder[] classified = new LongAdder[Status.values().length];

  public VixDetector(VixConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.holdMillis = config.holdMillis();
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
   *     the bad field and its value; or OUT_OF_ORDER if the tick is older than its selection's last
   *     accepted tick (an equal timestamp is accepted)
   * @throws NullPointerException if {@code tick} is null, which is a programming error rather than
   *     bad feed data
   */
  public TickResult accept(OddsTick tick) {
    Objects.requireNonNull(tick, "tick");
    String problem = TickValidator.problem(tick);
    if (problem != null) {
      rejected.increment();
      return TickResult.rejected(problem);
    }
    String market = Markets.normalise(tick.market());
    long timestamp = tick.timestampMillis();
    MatchState match = matchFor(tick.matchId(), timestamp);
    MarketState marketState = match.market(market);
    TickResult result =
        marketState.selection(tick.selection()).advance(tick.odds(), timestamp, config);
    if (result.outcome() == TickResult.Outcome.OUT_OF_ORDER) {
      outOfOrder.increment();
      return result;
    }
    match.touch(timestamp);
    Status status = result.status();
    if (status != Status.NORMAL) {
      long previous = marketState.marks.record(status, timestamp);
      match.marks.record(status, timestamp);
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

  private MatchState matchFor(String matchId, long timestamp) {
    MatchState match = matches.get(matchId);
    return match != null
        ? match
        : matches.computeIfAbsent(matchId, id -> new MatchState(timestamp));
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
    MarketState state = match.existingMarket(Markets.normalise(market));
    return state == null ? Status.NORMAL : state.marks.status(nowMillis, holdMillis);
  }

  /**
   * The held status of a match at {@code nowMillis}: the worst of all its markets; NORMAL for an
   * unknown match.
   *
   * @throws NullPointerException if {@code matchId} is null
   */
  public Status matchStatus(String matchId, long nowMillis) {
    MatchState match = matches.get(Objects.requireNonNull(matchId, "matchId"));
    return match == null ? Status.NORMAL : match.marks.status(nowMillis, holdMillis);
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
