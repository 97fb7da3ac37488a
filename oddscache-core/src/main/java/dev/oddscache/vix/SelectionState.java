package dev.oddscache.vix;

import dev.oddscache.Status;

/**
 * The EWMA volatility state of one selection and the classification of its ticks.
 *
 * <p>Not thread-safe by itself: its {@link MarketState} applies every tick under the market's
 * lock, which also guards the drift reference kept here.
 */
final class SelectionState {
  private long ticks;
  private long lastMillis;
  private double lastLogOdds;
  private double variance;
  /** Log price at the start of {@link #referenceEpoch}; set by {@link MarketState}. */
  double reference;
  /** The market epoch {@link #reference} belongs to; -1 before the first tick. */
  long referenceEpoch = -1;

  /**
   * Classifies a valid tick and folds it into the state, or returns {@link
   * TickResult#OUT_OF_ORDER} without changing anything if it is older than the last accepted
   * tick. A tick with the same timestamp as the last one is accepted: feeds batch several price
   * changes into one timestamp.
   *
   * @param odds a finite decimal price above 1.0, already validated
   */
  TickResult advance(double odds, long timestampMillis, VixConfig config) {
    if (ticks > 0 && timestampMillis < lastMillis) {
      return TickResult.OUT_OF_ORDER;
    }
    double x = Math.log(odds);
    lastMillis = timestampMillis;
    long tickNumber = ++ticks;
    if (tickNumber == 1) {
      lastLogOdds = x;
      return TickResult.FIRST_TICK;
    }
    double r = x - lastLogOdds;
    double absR = Math.abs(r);
    // z uses the σ learnt before this tick, so a jump cannot dilute its own score.
    double z = absR / Math.max(Math.sqrt(variance), config.sigmaMin());
    double alpha = config.alpha();
    variance = (1.0 - alpha) * variance + alpha * r * r;
    lastLogOdds = x;
    return TickResult.accepted(classify(tickNumber, absR, z, config), z);
  }

  /** The log price of the last accepted tick; NaN before the first. */
  double lastLogOdds() {
    return ticks == 0 ? Double.NaN : lastLogOdds;
  }

  private static Status classify(long tickNumber, double absR, double z, VixConfig config) {
    if (tickNumber <= config.warmupTicks()) {
      // σ is still meaningless, so only a move that is large in absolute terms counts.
      return absR >= config.jumpThreshold() ? Status.PANIC : Status.NORMAL;
    }
    if (z >= config.panicSigma()) {
      return Status.PANIC;
    }
    return z >= config.warningSigma() ? Status.WARNING : Status.NORMAL;
  }
}
