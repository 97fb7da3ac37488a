package dev.oddscache.server.settings;

import java.util.Locale;

/**
 * What the proxy does with an upstream response that states no freshness of its own (no {@code
 * s-maxage}, {@code max-age} or {@code Expires}).
 */
public enum ImplicitFreshness {
  /** Store it for the decision's TTL from the zone, volatility and breaker: oddscache's rule. */
  ZONE,
  /**
   * Store nothing without explicit freshness, as a strict shared cache does (Varnish with {@code
   * default_ttl=0}); only the upstream's own {@code Cache-Control}/{@code Expires} make an answer
   * reusable, and the breaker and quota floors still apply to what is stored.
   */
  NONE;

  /**
   * @throws IllegalArgumentException naming {@code field} and the value when it is neither
   *     {@code zone} nor {@code none}
   */
  public static ImplicitFreshness parse(String field, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "zone" -> ZONE;
      case "none" -> NONE;
      default -> throw new IllegalArgumentException(
          field + " must be 'zone' or 'none', got '" + value + "'");
    };
  }
}
