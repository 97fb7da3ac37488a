package dev.oddscache.decision;

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
 * in the panic gauge and {@code /v1/status} until the end of the process. Thread-safe.
 */
final class DecisionLog {
  private static final Logger log = LoggerFactory.getLogger(Decider.class);

  /** A match's latest panicking decision and when it was made (epoch millis, from the ticker). */
  private record Entry(Decision decision, long atMillis) {}

  private final long staleAfterMillis;
  private final ConcurrentMap<String, Entry> lastByMatch = new ConcurrentHashMap<>();

  DecisionLog(Duration staleAfter) {
    this.staleAfterMillis = staleAfter.toMillis();
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
