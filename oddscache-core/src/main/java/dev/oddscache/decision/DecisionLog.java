package dev.oddscache.decision;

import dev.oddscache.internal.MatchCap;
import dev.oddscache.quota.PanicMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Log on change" for decisions: INFO when a match's panic mode or tier changes, DEBUG otherwise,
 * so a stable production run logs about 1% of what a per-request logger would.
 *
 * <p>Only matches away from (NORMAL, tier 0) are remembered, so memory follows the number of
 * panicking matches, not the number of matches ever seen. A match leaves on a calm decision, or
 * once its latest decision is older than {@code staleAfter}: without requests the process no
 * longer knows whether the match still panics, and a match nobody asks about would otherwise stay
 * in the panic gauge and {@code /v1/status} until the end of the process. At most {@code
 * maxMatches} are remembered: past it, the matches with the oldest latest decision leave first,
 * down to 90% of the cap, so a panicking match that keeps being asked for stays however many
 * made-up matches requests name. Thread-safe.
 */
final class DecisionLog {
  private static final Logger log = LoggerFactory.getLogger(Decider.class);

  /** A match's latest panicking decision and when it was made (epoch millis, from the ticker). */
  private record Entry(Decision decision, long atMillis) {}

  private final long staleAfterMillis;
  private final MatchCap cap;
  private final ConcurrentMap<String, Entry> lastByMatch = new ConcurrentHashMap<>();

  DecisionLog(Duration staleAfter, int maxMatches) {
    this.staleAfterMillis = staleAfter.toMillis();
    this.cap = new MatchCap("maxPanickingMatches", maxMatches);
  }

  /**
   * Logs {@code decision}, made at {@code nowMillis}, for {@code matchId}; returns true when it was
   * logged at INFO. A calm decision for a match not remembered allocates nothing.
   */
  boolean record(String matchId, Decision decision, long nowMillis) {
    if (matchId == null) {
      if (log.isDebugEnabled()) {
        log.debug("decision {}", decision);
      }
      return false;
    }
    PanicMode now = decision.panicMode();
    Entry before = now == PanicMode.NORMAL
        ? lastByMatch.remove(matchId)
        : lastByMatch.put(matchId, new Entry(decision, nowMillis));
    if (before == null && now != PanicMode.NORMAL && lastByMatch.size() > cap.max()) {
      trim();
    }
    PanicMode previous = PanicMode.NORMAL;
    if (before != null) {
      if (isStale(before, nowMillis)) {
        // The same lines whether a read or this request noticed first that the match had
        // dropped out, so the log does not depend on when the gauge was scraped.
        logStale(matchId, before, nowMillis);
      } else {
        previous = before.decision().panicMode();
      }
    }
    if (previous != now) {
      log.atInfo()
          .addKeyValue("match", matchId)
          .addKeyValue("fromMode", previous)
          .addKeyValue("toMode", now)
          .addKeyValue("fromTier", previous.tier())
          .addKeyValue("toTier", now.tier())
          .addKeyValue("ttlSeconds", decision.ttlSeconds())
          .addKeyValue("stakes", decision.stakes())
          .addKeyValue("panicMinutes", decision.panicDurationMinutes())
          .addKeyValue("breakerMode", decision.breakerMode())
          .log("panic tier changed");
      return true;
    }
    if (log.isDebugEnabled()) {
      log.debug("decision match={} {}", matchId, decision);
    }
    return false;
  }

  /**
   * How many matches are at each panic tier (1 to 4) at {@code nowMillis}, from the latest
   * decision of each; stale matches are dropped.
   */
  Map<Integer, Long> matchesByTier(long nowMillis) {
    long[] counts = new long[5];
    for (Map.Entry<String, Entry> e : lastByMatch.entrySet()) {
      if (!dropIfStale(e.getKey(), e.getValue(), nowMillis)) {
        counts[e.getValue().decision().tier()]++;
      }
    }
    return Map.of(1, counts[1], 2, counts[2], 3, counts[3], 4, counts[4]);
  }

  /** The latest decision of every match away from tier 0 at {@code nowMillis}; drops stale ones. */
  Map<String, Decision> panicking(long nowMillis) {
    Map<String, Decision> result = new HashMap<>();
    for (Map.Entry<String, Entry> e : lastByMatch.entrySet()) {
      if (!dropIfStale(e.getKey(), e.getValue(), nowMillis)) {
        result.put(e.getKey(), e.getValue().decision());
      }
    }
    return Map.copyOf(result);
  }

  private void trim() {
    long before = cap.evictions();
    // Every entry is a panicking match: the rule reduces to least recently decided first.
    int dropped = cap.trim(lastByMatch, e -> true, Entry::atMillis);
    if (dropped > 0) {
      (before == 0 ? log.atWarn() : log.atDebug())
          .addKeyValue("dropped", dropped)
          .addKeyValue("maxPanickingMatches", cap.max())
          .addKeyValue("evictedTotal", cap.evictions())
          .log("panicking list full: dropped the least recently asked-for matches");
    }
  }

  /** Matches dropped because the log held its cap. */
  long evictions() {
    return cap.evictions();
  }

  /** Matches currently remembered as away from tier 0, stale ones not yet dropped included. */
  int trackedMatches() {
    return lastByMatch.size();
  }

  /** A decision exactly {@code staleAfter} old still counts. */
  private boolean isStale(Entry entry, long nowMillis) {
    return nowMillis - entry.atMillis() > staleAfterMillis;
  }

  private boolean dropIfStale(String matchId, Entry entry, long nowMillis) {
    if (!isStale(entry, nowMillis)) {
      return false;
    }
    // Only this entry: a decision recorded meanwhile is fresh and stays.
    if (lastByMatch.remove(matchId, entry)) {
      logStale(matchId, entry, nowMillis);
    }
    return true;
  }

  private void logStale(String matchId, Entry entry, long nowMillis) {
    log.atInfo()
        .addKeyValue("match", matchId)
        .addKeyValue("fromMode", entry.decision().panicMode())
        .addKeyValue("fromTier", entry.decision().tier())
        .addKeyValue("lastDecisionSecondsAgo", (nowMillis - entry.atMillis()) / 1000)
        .addKeyValue("staleAfterSeconds", staleAfterMillis / 1000)
        .log("panicking match dropped after no requests");
  }
}
