package dev.oddscache.vix;

/** Checks an {@link OddsTick} and explains its first problem, naming the field and the value. */
final class TickValidator {
  private TickValidator() {}

  /** The reason {@code tick} is invalid, or {@code null} when it is valid. */
  static String problem(OddsTick tick) {
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
      return "odds must be a finite number > 1.0, got " + odds;
    }
    return null;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String blank(String field, String value) {
    return field + " must not be blank, got " + (value == null ? "null" : "'" + value + "'");
  }
}
