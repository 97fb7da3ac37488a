package dev.oddscache.server.settings;

import dev.oddscache.cache.Freshness;
import java.util.Locale;

/**
 * How a cache's {@link Freshness} rule is written in config files and flags: {@code drift} or
 * {@code ttl}, in any case.
 */
public final class FreshnessText {
  private FreshnessText() {}

  /**
   * @throws IllegalArgumentException naming {@code field} and the value when it is neither
   *     {@code drift} nor {@code ttl}
   */
  public static Freshness parse(String field, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "drift" -> Freshness.DRIFT;
      case "ttl" -> Freshness.TTL;
      default -> throw new IllegalArgumentException(
          field + " must be 'drift' or 'ttl', got '" + value + "'");
    };
  }
}
