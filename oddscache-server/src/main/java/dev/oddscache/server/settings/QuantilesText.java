package dev.oddscache.server.settings;

import dev.oddscache.stats.Quantiles;
import java.util.Locale;

/**
 * How a cache's {@link Quantiles} mode is written in config files: {@code histogram}, {@code
 * summary} or {@code none}, in any case.
 */
public final class QuantilesText {
  private QuantilesText() {}

  /**
   * @throws IllegalArgumentException naming {@code field} and the value when it is none of the
   *     three
   */
  public static Quantiles parse(String field, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    for (Quantiles q : Quantiles.values()) {
      if (q.label().equals(v)) {
        return q;
      }
    }
    throw new IllegalArgumentException(
        field + " must be 'histogram', 'summary' or 'none', got '" + value + "'");
  }
}
