package dev.oddscache.vix;

import java.time.Duration;
import java.time.Instant;

/** Checks an {@link OddsTick} and explains its first problem, naming the field and the value. */
final class TickValidator {
  private TickValidator() {}

  /** The rejection of {@code tick} if it is invalid, or {@code null} when it is valid. */
  static TickResult problem(OddsTick tick) {
    if (isBlank(tick.matchId())) {
      return blank("matchId", tick.matchId());
    }
    if (isBlank(tick.market())) {
      return blank("market", tick.market());
    }
    if (isBlank(tick.selection())) {
      return blank("selection", tick.selection());
    }
    double odds = tick.odds();
    // Written so that NaN fails too: every comparison with NaN is false.
    if (!(odds > 1.0 && odds < Double.POSITIVE_INFINITY)) {
      return TickResult.rejected("odds", "odds must be a finite number > 1.0, got " + odds);
    }
    return null;
  }

  /**
   * The rejection of a tick dated {@code timestampMillis} too far ahead of {@code nowMillis}, or
   * {@code null} when it is within {@code maxSkewMillis} ({@code maxSkew} spelled for the message).
   */
  static TickResult future(long timestampMillis, long nowMillis, long maxSkewMillis,
      Duration maxSkew) {
    long limit = nowMillis + maxSkewMillis;
    if (((nowMillis ^ limit) & (maxSkewMillis ^ limit)) < 0) {
      // Saturate: no timestamp is beyond a limit that overflowed.
      return null;
    }
    if (timestampMillis <= limit) {
      return null;
    }
    return TickResult.rejected("timestampMillis", "timestampMillis must be at most maxFutureSkew "
        + maxSkew + " ahead of the clock, got " + timestampMillis + " ("
        + Instant.ofEpochMilli(timestampMillis) + ", "
        + Duration.ofMillis(timestampMillis - nowMillis) + " ahead of "
        + Instant.ofEpochMilli(nowMillis) + ")");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static TickResult blank(String field, String value) {
    return TickResult.rejected(field,
        field + " must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
  }
}
