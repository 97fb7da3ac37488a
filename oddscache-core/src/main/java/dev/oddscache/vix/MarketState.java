package dev.oddscache.vix;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The selections of one market, its status marks, and its drift epoch. Thread-safe.
 *
 * <p><b>Drift epoch.</b> An integer, 0 at the market's first tick, that advances when a
 * selection's log price has moved by at least the market's threshold from its reference, on a
 * jump, on a suspension or re-open and on an invalidating event; each advance makes every
 * selection's current price its new reference. References are set lazily: a selection whose
 * reference belongs to an older epoch takes its price at the advance, which is its last price
 * before its next tick. So a tick costs O(1) whatever the number of selections.
 *
 * <p>Ticks are applied under this market's lock, which serialises a market's classification and
 * drift in feed order; reads of the epoch and of the last tick time are lock-free.
 */
final class MarketState {
  /** Slack for "moved by at least the threshold" in floating point: ln(1.02·p) − ln(p). */
  private static final double EPSILON = 1e-12;

  final StatusMarks marks = new StatusMarks();
  private final ConcurrentHashMap<String, SelectionState> selections = new ConcurrentHashMap<>();
  private final double driftThreshold;
  private volatile long epoch;
  private volatile long lastTickMillis;

  MarketState(double driftThreshold, long firstTickMillis) {
    this.driftThreshold = driftThreshold;
    this.lastTickMillis = firstTickMillis;
  }

  /** The state of {@code selection}, created on first use. */
  SelectionState selection(String selection) {
    // get first: computeIfAbsent may lock the bin even when the key is present.
    SelectionState state = selections.get(selection);
    return state != null ? state : selections.computeIfAbsent(selection, s -> new SelectionState());
  }

  /** Classifies a valid tick of {@code selection} and folds it into the volatility and drift. */
  synchronized TickResult apply(String selection, double odds, long timestampMillis,
      VixConfig config) {
    SelectionState s = selection(selection);
    double previous = s.lastLogOdds();
    TickResult result = s.advance(odds, timestampMillis, config);
    if (result.outcome() == TickResult.Outcome.OUT_OF_ORDER) {
      return result;
    }
    if (timestampMillis > lastTickMillis) {
      lastTickMillis = timestampMillis;
    }
    double x = s.lastLogOdds();
    long current = epoch;
    if (s.referenceEpoch != current) {
      s.reference = Double.isNaN(previous) ? x : previous;
      s.referenceEpoch = current;
    }
    boolean jump = !Double.isNaN(previous) && Math.abs(x - previous) >= config.jumpThreshold();
    if (jump || Math.abs(x - s.reference) >= driftThreshold - EPSILON) {
      epoch = current + 1;
      s.reference = x;
      s.referenceEpoch = current + 1;
    }
    return result;
  }

  /** Advances the epoch without a price: a suspension, a re-open, an invalidating event. */
  synchronized void advanceEpoch(long timestampMillis) {
    epoch++;
    if (timestampMillis > lastTickMillis) {
      lastTickMillis = timestampMillis;
    }
  }

  long epoch() {
    return epoch;
  }

  /** Whether the market's last tick is younger than {@code timeoutMillis} at {@code nowMillis}. */
  boolean tracked(long nowMillis, long timeoutMillis) {
    long last = lastTickMillis;
    return last >= nowMillis || nowMillis - last < timeoutMillis;
  }

  /** The epoch at {@code nowMillis}, or {@link DriftStamp#UNTRACKED}. */
  long epochAt(long nowMillis, long timeoutMillis) {
    // Epoch before tracking: a tick racing with this read can only make the answer older.
    long e = epoch;
    return tracked(nowMillis, timeoutMillis) ? e : DriftStamp.UNTRACKED;
  }
}
