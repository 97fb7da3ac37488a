package dev.oddscache.vix;

import dev.oddscache.Status;

/**
 * The EWMA volatility state of one selection and the classification of its ticks.
 *
 * <p>Thread-safe: {@link #advance} is synchronized on this object. Contention is limited to ticks
 * of the same selection, which a feed delivers in sequence anyway, and the critical section is a
 * handful of arithmetic operations.
 */
final class SelectionState {
  private long ticks;
  private long lastMillis;
  private double lastLogOdds;
  private double variance;

  /**
   * Classifies a valid tick and folds it into the state, or returns {@link
   * TickResult#OUT_OF_ORDER} without changing anything if it is older than the last accepted
   * tick. A tick with the same timestamp as the last one is accepted: feeds batch several price
   * changes into one timestamp.
   *
   * @param odds a finite decimal price above 1.0, already validated
   */
  synchronized TickResult advance(double odds, long timestampMillis, VixConfig config) {
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
