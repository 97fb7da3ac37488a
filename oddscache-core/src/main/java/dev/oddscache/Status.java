package dev.oddscache;

import dev.oddscache.internal.Enums;
import java.util.Locale;

/**
 * Volatility status of a selection, market, match or request, ordered from calm to violent.
 *
 * <p>Aggregation is conservative: the status of a group is the worst status of its members,
 * and an empty group is {@link #NORMAL}.
 */
public enum Status {
  NORMAL,
  WARNING,
  PANIC;

  /** The worse of two statuses; a {@code null} argument counts as {@link #NORMAL}. */
  public static Status worst(Status a, Status b) {
    if (a == null) {
      return b == null ? NORMAL : b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }

  public boolean isPanic() {
    return this == PANIC;
  }

  /**
   * Parses a status case-insensitively.
   *
   * @throws IllegalArgumentException naming the field and the value when it is not a status
   */
  public static Status parse(String field, String value) {
    return Enums.parse(Status.class, field, value);
  }

  /** Lower-case label, as used in metric tags. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
