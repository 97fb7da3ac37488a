package dev.oddscache.quota;

import dev.oddscache.internal.Enums;
import java.util.Locale;

/**
 * How much a match matters to users, which sets how long its panic may last before caching is
 * re-enabled: the higher the stakes, the longer fresh answers are worth the backend load.
 */
public enum Stakes {
  LOW,
  MEDIUM,
  HIGH;

  /**
   * Parses stakes case-insensitively ({@code high}, {@code Medium}…).
   *
   * @throws IllegalArgumentException naming the field and value
   */
  public static Stakes parse(String field, String value) {
    return Enums.parse(Stakes.class, field, value);
  }

  /** Lower-case label, as used in metric tags and logs. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
