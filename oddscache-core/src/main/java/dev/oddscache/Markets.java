package dev.oddscache;

import java.util.Locale;

/**
 * Market ids: their canonical form and their family.
 *
 * <p>Every component that keys state by market (the VIX, tags, invalidation rules) goes through
 * {@link #normalise(String)}, so {@code "1X2"} and {@code " 1x2 "} name the same market. Stateless
 * and thread-safe.
 */
public final class Markets {
  private Markets() {}

  /**
   * The canonical form of a market id: trimmed and lower-cased with {@link Locale#ROOT}, so the
   * result does not depend on the JVM's default locale (Turkish dotless i).
   *
   * @throws IllegalArgumentException naming the field {@code market} and the value when it is
   *     null or blank
   */
  public static String normalise(String marketId) {
    if (marketId == null || marketId.isBlank()) {
      throw new IllegalArgumentException(
          "market must not be blank, got " + (marketId == null ? "null" : "'" + marketId + "'"));
    }
    return marketId.trim().toLowerCase(Locale.ROOT);
  }

  /**
   * The family of a market: the normalised id up to its last {@code _} when only digits follow
   * it, otherwise the normalised id itself. {@code over_under_25} is in family {@code over_under};
   * {@code 1x2}, {@code btts} and {@code asian_handicap} are their own families.
   *
   * <p>An id that is nothing but {@code _} and digits (such as {@code _25}) is its own family, so
   * a family is never empty.
   *
   * @throws IllegalArgumentException as {@link #normalise(String)} does
   */
  public static String family(String marketId) {
    String id = normalise(marketId);
    int underscore = id.lastIndexOf('_');
    if (underscore <= 0 || underscore == id.length() - 1) {
      return id;
    }
    for (int i = underscore + 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return id;
      }
    }
    return id.substring(0, underscore);
  }
}
