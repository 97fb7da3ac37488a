package dev.oddscache.tools.sim;

import dev.oddscache.invalidation.EventType;

/** Event types in scenarios: the cache's own {@link EventType}s, which its impact rules know. */
final class SimEvents {
  private SimEvents() {}

  /**
   * The canonical name of an event type, case-insensitive, {@code -} accepted for {@code _}.
   *
   * @throws ScenarioException naming {@code field}, the value and the accepted types
   */
  static String parseType(String field, String value) {
    try {
      return EventType.parse(field, value).name();
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(e.getMessage(), e);
    }
  }
}
