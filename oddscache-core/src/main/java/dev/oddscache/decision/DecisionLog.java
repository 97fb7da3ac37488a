package dev.oddscache.decision;

import dev.oddscache.quota.PanicMode;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Log on change" for decisions (SPEC §8): INFO when a match's panic mode or tier changes, DEBUG
 * otherwise, so a stable production run logs about 1% of what a per-request logger would.
 *
 * <p>Only matches away from (NORMAL, tier 0) are remembered, so memory follows the number of
 * panicking matches, not the number of matches ever seen. Thread-safe.
 */
final class DecisionLog {
  private static final Logger log = LoggerFactory.getLogger(Decider.class);

  private final ConcurrentMap<String, Decision> lastByMatch = new ConcurrentHashMap<>();

  /** Logs {@code decision} for {@code matchId}; returns true when it was logged at INFO. */
  boolean record(String matchId, Decision decision) {
    if (matchId == null) {
      if (log.isDebugEnabled()) {
        log.debug("decision {}", decision);
      }
      return false;
    }
    PanicMode now = decision.panicMode();
    Decision before = now == PanicMode.NORMAL
        ? lastByMatch.remove(matchId)
        : lastByMatch.put(matchId, decision);
    PanicMode previous = before == null ? PanicMode.NORMAL : before.panicMode();
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

  /** How many matches are at each panic tier (1 to 4), from the latest decision of each. */
  java.util.Map<Integer, Long> matchesByTier() {
    long[] counts = new long[5];
    for (Decision decision : lastByMatch.values()) {
      counts[decision.tier()]++;
    }
    return java.util.Map.of(1, counts[1], 2, counts[2], 3, counts[3], 4, counts[4]);
  }

  /** The latest decision of every match away from tier 0. */
  java.util.Map<String, Decision> panicking() {
    return java.util.Map.copyOf(lastByMatch);
  }

  /** Matches currently remembered as away from tier 0. */
  int trackedMatches() {
    return lastByMatch.size();
  }
}
