package dev.oddscache.cache;

import dev.oddscache.MatchContext;
import dev.oddscache.decision.Decision;
import dev.oddscache.store.StoredValue;
import dev.oddscache.vix.DriftConfig;
import dev.oddscache.vix.DriftStamp;
import dev.oddscache.vix.VixDetector;
import java.util.Locale;

/**
 * Freshness with price drift: what a stored value's drift stamp, the detector's epochs now and
 * the backend's pressure make of the request's decision. Thread-safe; nothing here allocates on
 * a fresh hit except the reason of a tracked value.
 *
 * <p>With {@code base} the decision's base TTL and {@code floor} its protection floor ({@link
 * Decision#floorSeconds()}): a value whose prices have not moved is fresh for {@code max(base,
 * floor)} whatever the status, then served stale while it refreshes, as under the TTL rule; a
 * value whose prices moved is reloaded, unless it is younger than the floor and the backend is
 * under pressure. A value without drift information follows the decision's TTL exactly.
 */
final class DriftRule {
  private final boolean on;
  private final VixDetector vix;
  private final BackendPressure pressure;

  DriftRule(Freshness freshness, VixDetector vix, BackendPressure pressure) {
    this.on = freshness == Freshness.DRIFT;
    this.vix = vix;
    this.pressure = pressure;
  }

  /**
   * How drift judges {@code entry} (null for none) for a request in {@code context} decided
   * {@code decision}. A value without drift information is judged by the TTL rule while its
   * markets have no feed, and is drifted once they have one: it predates every price the feed
   * has sent.
   */
  DriftVerdict verdict(StoredValue<?> entry, MatchContext context, Decision decision,
      long now) {
    if (!on || entry == null) {
      return DriftVerdict.NOT_APPLIED;
    }
    DriftStamp stamp = entry.drift();
    if (stamp.isNone()) {
      if (!vix.anyTracked(context.matchId(), context.markets(), now)) {
        return DriftVerdict.NOT_APPLIED;
      }
    } else if (!vix.drifted(stamp, now)) {
      return DriftVerdict.UNMOVED;
    }
    long floorMillis = decision.floorSeconds() * 1000;
    return floorMillis > 0 && entry.ageMillis(now) < floorMillis && pressure.underPressure()
        ? DriftVerdict.HELD : DriftVerdict.DRIFTED;
  }

  /** The age in milliseconds below which a value judged {@code verdict} is fresh. */
  static long ttlMillis(Decision decision, DriftVerdict verdict) {
    return verdict.freshSeconds(decision) * 1000;
  }

  /** Whether a value that another load just stored is itself already drifted. */
  boolean drifted(StoredValue<?> value, long now) {
    return on && vix.drifted(value.drift(), now);
  }

  /** {@code decision} with the reason of {@code verdict}; unchanged for NOT_APPLIED. */
  Decision explained(Decision decision, DriftVerdict verdict, DriftStamp stamp) {
    if (verdict == DriftVerdict.NOT_APPLIED) {
      return decision;
    }
    long floor = decision.floorSeconds();
    String reason = switch (verdict) {
      case UNMOVED -> "fresh until " + moves(stamp) + ", at most "
          + Math.max(decision.baseTtlSeconds(), floor) + "s"
          + (floor > 0 ? "; reloads no sooner than " + floor + "s under backend pressure" : "");
      case DRIFTED -> "drifted: " + moved(stamp) + ", reloaded"
          + (floor > 0 ? " (floor " + floor + "s not applied: backend has headroom)" : "");
      case HELD -> "drifted: " + moved(stamp) + ", but held by the "
          + floor + "s floor: backend under pressure (" + pressure.snapshot().reason() + ")";
      default -> throw new IllegalStateException(verdict.name());
    };
    return decision.withFreshnessReason(reason);
  }

  private String moves(DriftStamp stamp) {
    DriftConfig drift = vix.config().drift();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < stamp.size(); i++) {
      double threshold = drift.thresholdOf(stamp.market(i));
      sb.append(i == 0 ? "" : " or ").append(stamp.market(i)).append(" moves ").append(
          String.format(Locale.ROOT, "%.3g%%", 100 * (Math.exp(threshold) - 1)));
    }
    return sb.toString();
  }

  private static String moved(DriftStamp stamp) {
    if (stamp.isNone()) {
      return "the feed of its markets started after the load";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < stamp.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(stamp.market(i));
    }
    return sb.append(" moved since the load").toString();
  }
}
