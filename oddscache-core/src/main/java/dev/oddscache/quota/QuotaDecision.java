package dev.oddscache.quota;

import java.util.Objects;

/**
 * What the panic quota decided for one request. Immutable.
 *
 * @param ttlSeconds the TTL the quota allows, in seconds: the base TTL when not panicking
 * @param panicMode the mode of {@code tier}
 * @param tier 0 when not panicking, else 1 to 4
 * @param stakes the stakes whose thresholds were used
 * @param panicDurationMinutes how long the panic has lasted, in minutes rounded half-up to 0.1;
 *     null when not panicking
 * @param alert a human-readable alert for tiers 3 and 4; null otherwise
 * @param thresholds the thresholds used
 */
public record QuotaDecision(
    long ttlSeconds,
    PanicMode panicMode,
    int tier,
    Stakes stakes,
    Double panicDurationMinutes,
    String alert,
    QuotaThresholds thresholds) {

  /**
   * @throws IllegalArgumentException if the fields contradict each other (a negative TTL, a tier
   *     that is not the mode's, a duration without a panic or a panic without a duration)
   * @throws NullPointerException naming the field if mode, stakes or thresholds is null
   */
  public QuotaDecision {
    Objects.requireNonNull(panicMode, "panicMode");
    Objects.requireNonNull(stakes, "stakes");
    Objects.requireNonNull(thresholds, "thresholds");
    if (ttlSeconds < 0) {
      throw new IllegalArgumentException("ttlSeconds must not be negative, got " + ttlSeconds);
    }
    if (tier != panicMode.tier()) {
      throw new IllegalArgumentException(
          "tier must be " + panicMode.tier() + " for " + panicMode + ", got " + tier);
    }
    if ((panicMode == PanicMode.NORMAL) != (panicDurationMinutes == null)) {
      throw new IllegalArgumentException("panicDurationMinutes must be null exactly when not "
          + "panicking, got " + panicDurationMinutes + " with " + panicMode);
    }
  }

  /** Whether the match was panicking. */
  public boolean panicking() {
    return panicMode != PanicMode.NORMAL;
  }

  /** Whether this decision carries an alert (tiers 3 and 4). */
  public boolean hasAlert() {
    return alert != null;
  }
}
