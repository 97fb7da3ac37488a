package dev.oddscache.server.sim;

import java.util.List;
import java.util.Locale;

/** The event types a scenario may fire (SPEC §10). */
final class SimEvents {
  static final List<String> TYPES = List.of("GOAL", "PENALTY", "RED_CARD", "LINEUP", "KICKOFF",
      "HALF_TIME", "FULL_TIME", "INJURY", "YELLOW_CARD", "CORNER", "SUBSTITUTION", "ODDS_SHOCK");

  private SimEvents() {}

  /**
   * The canonical name of an event type, case-insensitive.
   *
   * @throws ScenarioException naming {@code field} and the value when it is not a known type
   */
  static String parseType(String field, String value) {
    String normalised = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    if (!TYPES.contains(normalised)) {
      throw new ScenarioException(field + " must be one of " + String.join(", ", TYPES) + ", got "
          + (value == null ? "null" : "'" + value + "'"));
    }
    return normalised;
  }
}
