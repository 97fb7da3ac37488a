package dev.oddscache.invalidation;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one surgical invalidation did. Immutable; the market sets are sorted copies.
 *
 * @param matchId the match
 * @param event the event applied
 * @param marketsAffected the match's cached markets the event hits (logical: a market counts even
 *     if its keys expired before they could be deleted)
 * @param keysDeleted the keys the store actually removed
 * @param marketsPreserved the match's cached markets left untouched
 * @param cpuSavedPct {@code marketsPreserved / (affected + preserved) × 100}, rounded to 0.01; 0
 *     when the match had no cached markets
 */
public record InvalidationReport(String matchId, EventType event, Set<String> marketsAffected,
    long keysDeleted, Set<String> marketsPreserved, double cpuSavedPct) {

  public InvalidationReport {
    Objects.requireNonNull(matchId, "matchId");
    Objects.requireNonNull(event, "event");
    marketsAffected = sortedCopy(Objects.requireNonNull(marketsAffected, "marketsAffected"));
    marketsPreserved = sortedCopy(Objects.requireNonNull(marketsPreserved, "marketsPreserved"));
    if (keysDeleted < 0) {
      throw new IllegalArgumentException("keysDeleted must not be negative, got " + keysDeleted);
    }
    if (!(cpuSavedPct >= 0 && cpuSavedPct <= 100)) {
      throw new IllegalArgumentException("cpuSavedPct must be in [0, 100], got " + cpuSavedPct);
    }
  }

  private static Set<String> sortedCopy(Set<String> markets) {
    return Collections.unmodifiableSet(new TreeSet<>(markets));
  }
}
