package dev.oddscache.vix;

import dev.oddscache.Status;
import java.util.Objects;

/**
 * The {@link VixDetector}'s answer for one tick. Immutable and thread-safe.
 *
 * <p>Exactly one of three {@link Outcome outcomes}: an accepted tick has a classification and a
 * z-score; a rejected tick has a reason naming the bad field and its value; an out-of-order tick
 * was ignored. Accessors that do not apply to the outcome throw {@link IllegalStateException}
 * rather than invent a value.
 */
public final class TickResult {

  /** What the detector did with a tick. */
  public enum Outcome {
    /** The tick updated its selection and was classified. */
    ACCEPTED,
    /** The tick was invalid; nothing changed except the rejection count. */
    REJECTED,
    /**
     * The tick was older than its selection's last accepted tick and was ignored; nothing changed
     * except the out-of-order count.
     */
    OUT_OF_ORDER
  }

  private static final String OUT_OF_ORDER_REASON =
      "timestampMillis is older than the selection's last tick";

  // Shared because neither carries data specific to the tick.
  static final TickResult FIRST_TICK =
      new TickResult(Outcome.ACCEPTED, Status.NORMAL, 0.0, null, null);
  static final TickResult OUT_OF_ORDER = new TickResult(Outcome.OUT_OF_ORDER, null, Double.NaN,
      "timestampMillis", OUT_OF_ORDER_REASON);

  private final Outcome outcome;
  private final Status status;
  private final double zScore;
  private final String field;
  private final String reason;

  private TickResult(Outcome outcome, Status status, double zScore, String field,
      String reason) {
    this.outcome = outcome;
    this.status = status;
    this.zScore = zScore;
    this.field = field;
    this.reason = reason;
  }

  static TickResult accepted(Status status, double zScore) {
    return new TickResult(Outcome.ACCEPTED, Objects.requireNonNull(status, "status"), zScore, null,
        null);
  }

  static TickResult rejected(String field, String reason) {
    return new TickResult(Outcome.REJECTED, null, Double.NaN, Objects.requireNonNull(field),
        Objects.requireNonNull(reason));
  }

  public Outcome outcome() {
    return outcome;
  }

  public boolean isAccepted() {
    return outcome == Outcome.ACCEPTED;
  }

  /**
   * The tick's own classification (not its market's held status).
   *
   * @throws IllegalStateException unless the outcome is {@link Outcome#ACCEPTED}
   */
  public Status status() {
    requireAccepted("status");
    return status;
  }

  /**
   * {@code |r| / max(σ_prev, σ_min)} for this tick, where r is the log-return; 0 for the first
   * tick of a selection, which has no previous price. Computed during warm-up too, although it
   * does not classify warm-up ticks.
   *
   * @throws IllegalStateException unless the outcome is {@link Outcome#ACCEPTED}
   */
  public double zScore() {
    requireAccepted("zScore");
    return zScore;
  }

  /**
   * Why the tick was not accepted, e.g. {@code odds must be a finite number > 1.0, got NaN}.
   *
   * @throws IllegalStateException if the outcome is {@link Outcome#ACCEPTED}
   */
  public String reason() {
    if (outcome == Outcome.ACCEPTED) {
      throw new IllegalStateException("an accepted tick has no reason");
    }
    return reason;
  }

  /**
   * The {@link OddsTick} component the tick was not accepted for: {@code matchId}, {@code
   * market}, {@code selection}, {@code odds} or {@code timestampMillis} (too far ahead of the
   * detector's clock, or out of order), so that callers can name their own spelling of it.
   *
   * @throws IllegalStateException if the outcome is {@link Outcome#ACCEPTED}
   */
  public String field() {
    if (outcome == Outcome.ACCEPTED) {
      throw new IllegalStateException("an accepted tick has no faulty field");
    }
    return field;
  }

  private void requireAccepted(String accessor) {
    if (outcome != Outcome.ACCEPTED) {
      throw new IllegalStateException(
          accessor + " is only defined for an accepted tick, got " + outcome + ": " + reason);
    }
  }

  @Override
  public String toString() {
    return outcome == Outcome.ACCEPTED
        ? "TickResult{ACCEPTED " + status + ", z=" + zScore + '}'
        : "TickResult{" + outcome + ": " + reason + '}';
  }
}
