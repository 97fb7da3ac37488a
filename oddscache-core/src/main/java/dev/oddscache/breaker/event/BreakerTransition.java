package dev.oddscache.breaker.event;

import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.breaker.BreakerTransitionKind;
import java.util.Objects;

/**
 * One step of the panic breaker from one mode to the next, published after the mode has
 * changed. A jump across two modes in one evaluation publishes two of these, in order.
 *
 * @param from the mode left
 * @param to the mode entered
 * @param panicRatio the panic ratio that caused the step, in [0, 1]
 * @param samples requests in the window at that evaluation
 * @param observedSeconds seconds of the window covered since the first sample
 * @param trigger {@code SUSTAINED_PANIC} going up, {@code RECOVERY} going down
 * @param epochMillis wall-clock time of the step, by the breaker's ticker
 */
public record BreakerTransition(
    BreakerMode from,
    BreakerMode to,
    double panicRatio,
    long samples,
    long observedSeconds,
    BreakerTransitionKind.Trigger trigger,
    long epochMillis) {

  /** @throws IllegalArgumentException if from → to is not a legal transition with this trigger */
  public BreakerTransition {
    Objects.requireNonNull(trigger, "trigger");
    BreakerTransitionKind kind = BreakerTransitionKind.of(from, to);
    if (kind.trigger() != trigger) {
      throw new IllegalArgumentException(
          "trigger of " + from + " -> " + to + " is " + kind.trigger() + ", got " + trigger);
    }
  }

  /** The event for a step of {@code kind}. */
  public static BreakerTransition of(
      BreakerTransitionKind kind, double panicRatio, long samples, long observedSeconds,
      long epochMillis) {
    return new BreakerTransition(kind.from(), kind.to(), panicRatio, samples, observedSeconds,
        kind.trigger(), epochMillis);
  }

  /** Which of the four legal transitions this is. */
  public BreakerTransitionKind kind() {
    return BreakerTransitionKind.of(from, to);
  }
}
