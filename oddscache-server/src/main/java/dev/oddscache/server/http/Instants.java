package dev.oddscache.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one way the API reads an instant, wherever a client gives one (a tick's {@code ts}, the
 * {@code X-Kickoff} header, a decision's {@code kickoff}): an ISO-8601 instant such as {@code
 * 2026-03-01T20:00:00Z}, or epoch milliseconds, as a JSON number or a string of digits.
 */
final class Instants {
  /** 3000-01-01T00:00:00Z: epoch milliseconds above it are a unit mistake (micros, nanos). */
  static final long MAX_EPOCH_MILLIS = 32_503_680_000_000L;

  /** The accepted forms, for the error messages. */
  static final String FORMS = "an ISO-8601 instant like 2026-03-01T20:00:00Z or epoch millis";

  private Instants() {}

  /**
   * The instant {@code text} says.
   *
   * @throws IllegalArgumentException naming {@code field} and the value, if it is neither form
   *     or is epoch millis outside 1970 to 3000
   */
  static Instant parse(String field, String text) {
    if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      long millis;
      try {
        millis = Long.parseLong(text);
      } catch (NumberFormatException tooLong) {
        millis = Long.MAX_VALUE;
      }
      return epochMillis(field, millis);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " must be " + FORMS + ", got '" + text + "'");
    }
  }

  /**
   * The instant of a JSON value: an integral number of epoch millis, or a string as {@link
   * #parse(String, String)} reads it.
   *
   * @throws IllegalArgumentException naming {@code field} and the value otherwise
   */
  static Instant parse(String field, JsonNode value) {
    if (value.isIntegralNumber()) {
      return epochMillis(field, value.canConvertToLong() ? value.asLong() : Long.MAX_VALUE);
    }
    if (value.isTextual()) {
      return parse(field, value.asText());
    }
    throw new IllegalArgumentException(field + " must be " + FORMS + ", got " + value);
  }

  private static Instant epochMillis(String field, long millis) {
    if (millis < 0 || millis > MAX_EPOCH_MILLIS) {
      throw new IllegalArgumentException(
          field + " must be epoch millis between 1970 and 3000, got " + millis);
    }
    return Instant.ofEpochMilli(millis);
  }
}
