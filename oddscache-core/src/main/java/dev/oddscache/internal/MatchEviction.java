package dev.oddscache.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which matches a full per-match structure drops: calm matches before panicking ones, and within
 * each group the one least recently asked for first. A panicking match that keeps being asked for
 * is therefore the last thing to go: it is dropped only if the structure holds more panicking
 * matches asked for more recently than it than the structure may keep. Pure and thread-safe.
 */
public final class MatchEviction {
  /** Ordered by the rule above; the sort is stable, so ties keep the candidates' order. */
  private static final Comparator<Candidate<?>> ORDER =
      Comparator.<Candidate<?>>comparingInt(c -> c.panicking() ? 1 : 0)
          .thenComparingLong(Candidate::lastAsked);

  private MatchEviction() {}

  /**
   * One match a structure holds.
   *
   * @param key the match id (or whatever the structure is keyed by)
   * @param panicking whether the match is panicking, or otherwise holds state worth keeping
   * @param lastAsked when the match was last asked for or updated, on any clock that orders the
   *     candidates of one structure (epoch millis or ticker nanos)
   */
  public record Candidate<K>(K key, boolean panicking, long lastAsked) {}

  /**
   * How many of {@code size} matches to drop so that a structure capped at {@code max} has room
   * again: none while it is within the cap, else down to 90% of the cap, so that trimming (which
   * sorts every match) runs once per tenth of the cap of new matches rather than for each.
   */
  public static int excess(int size, int max) {
    if (size <= max) {
      return 0;
    }
    return size - (max - max / 10);
  }

  /** The {@code count} candidates to drop, in eviction order; all of them if fewer. */
  public static <K> List<K> victims(List<Candidate<K>> candidates, int count) {
    List<Candidate<K>> sorted = new ArrayList<>(candidates);
    sorted.sort(ORDER);
    List<K> victims = new ArrayList<>(Math.min(Math.max(count, 0), sorted.size()));
    for (int i = 0; i < count && i < sorted.size(); i++) {
      victims.add(sorted.get(i).key());
    }
    return victims;
  }
}
