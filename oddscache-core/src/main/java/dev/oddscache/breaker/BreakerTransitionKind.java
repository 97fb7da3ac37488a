package dev.oddscache.breaker;

import java.util.Locale;

/**
 * The four legal transitions of the {@link PanicBreaker}. The breaker moves one step at a time; a
 * jump from NORMAL to CIRCUIT_OPEN (or back) is two transitions in one evaluation.
 */
public enum BreakerTransitionKind {
  NORMAL_TO_HIGH_VOLATILITY(
      BreakerMode.NORMAL, BreakerMode.HIGH_VOLATILITY, Trigger.SUSTAINED_PANIC),
  HIGH_VOLATILITY_TO_CIRCUIT_OPEN(
      BreakerMode.HIGH_VOLATILITY, BreakerMode.CIRCUIT_OPEN, Trigger.SUSTAINED_PANIC),
  CIRCUIT_OPEN_TO_HIGH_VOLATILITY(
      BreakerMode.CIRCUIT_OPEN, BreakerMode.HIGH_VOLATILITY, Trigger.RECOVERY),
  HIGH_VOLATILITY_TO_NORMAL(BreakerMode.HIGH_VOLATILITY, BreakerMode.NORMAL, Trigger.RECOVERY);

  /** Why the mode changed: it goes up on sustained panic and down on recovery. */
  public enum Trigger {
    SUSTAINED_PANIC,
    RECOVERY;

    /** {@code sustained_panic} or {@code recovery}, as written in logs. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final BreakerMode from;
  private final BreakerMode to;
  private final Trigger trigger;

  BreakerTransitionKind(BreakerMode from, BreakerMode to, Trigger trigger) {
    this.from = from;
    this.to = to;
    this.trigger = trigger;
  }

  public BreakerMode from() {
    return from;
  }

  public BreakerMode to() {
    return to;
  }

  public Trigger trigger() {
    return trigger;
  }

  /**
   * The legal transition from {@code from} to {@code to}.
   *
   * @throws IllegalArgumentException if the breaker may not move directly between them
   */
  public static BreakerTransitionKind of(BreakerMode from, BreakerMode to) {
    for (BreakerTransitionKind kind : values()) {
      if (kind.from == from && kind.to == to) {
        return kind;
      }
    }
    throw new IllegalArgumentException("illegal breaker transition " + from + " -> " + to);
  }
}
