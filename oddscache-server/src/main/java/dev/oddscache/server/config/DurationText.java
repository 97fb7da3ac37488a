package dev.oddscache.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as config files and command-line options write them: {@code 30s}, {@code 45m},
 * {@code 2h}, {@code 1h30m}, {@code 250ms}, ISO-8601 {@code PT30M}, each optionally negative
 * ({@code -30m}: thirty minutes ago). Pure functions.
 */
public final class DurationText {
  private static final Pattern COMPACT =
      Pattern.compile("(-)?(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

  private DurationText() {}

  /**
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static Duration parse(String value) {
    String text = value == null ? "" : value.trim();
    Matcher m = COMPACT.matcher(text);
    if (!text.isEmpty() && !text.equals("-") && m.matches()
        && (m.group(2) != null || m.group(3) != null || m.group(4) != null || m.group(5) != null)) {
      try {
        Duration d = Duration.ofHours(number(m.group(2)))
            .plusMinutes(number(m.group(3)))
            .plusSeconds(number(m.group(4)))
            .plusMillis(number(m.group(5)));
        return m.group(1) != null ? d.negated() : d;
      } catch (ArithmeticException | NumberFormatException e) {
        throw invalid(value);
      }
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(value);
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static IllegalArgumentException invalid(String value) {
    return new IllegalArgumentException(
        "'" + value + "' is not a duration (use 30s, 45m, 2h, 1h30m, 250ms or ISO-8601 like PT30M;"
            + " prefix - for the past)");
  }
}
