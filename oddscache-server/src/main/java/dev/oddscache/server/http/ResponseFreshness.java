package dev.oddscache.server.http;

import dev.oddscache.cache.ValueRules;
import dev.oddscache.server.settings.ImplicitFreshness;
import java.util.List;
import java.util.Set;

/**
 * The reuse rules of an upstream response as a shared cache reads them (RFC 9111 §3,
 * RFC 9111 §4.2, RFC 9111 §5.2.2; RFC 5861), turned into the cache's {@link ValueRules}. Pure functions.
 *
 * <ul>
 *   <li>Freshness lifetime: {@code s-maxage}, else {@code max-age}, else {@code Expires} minus
 *       {@code Date}; a malformed value of the one that applies means "already stale". The base
 *       TTL is that lifetime minus the response's age when it arrived.
 *   <li>Without any of them the response has no explicit freshness: with {@link
 *       ImplicitFreshness#ZONE} it is stored for the decision's TTL (zone, volatility, breaker),
 *       with the config's stale windows; with {@link ImplicitFreshness#NONE} it is not stored.
 *   <li>{@code no-cache}, {@code must-revalidate} and {@code proxy-revalidate} are never served
 *       past their TTL; {@code no-cache} has a TTL of 0. Only the breaker or quota floor, which
 *       protect the backend, hold such a response longer.
 *   <li>With explicit freshness, the stale window is {@code stale-while-revalidate} (0 without);
 *       {@code stale-if-error} bounds serving it when the upstream fails.
 * </ul>
 */
final class ResponseFreshness {
  /** Statuses a cache may reuse without explicit freshness (RFC 9110 §15.1). */
  static final Set<Integer> HEURISTIC = Set.of(200, 203, 204, 300, 301, 308, 404, 405, 410, 414,
      501);

  /** Statuses whose caching semantics this cache implements, for {@code must-understand}. */
  static final Set<Integer> UNDERSTOOD = Set.of(200, 203, 204, 206, 300, 301, 302, 303, 307,
      308, 404, 405, 410, 414, 501);

  private ResponseFreshness() {}

  /**
   * The freshness lifetime in seconds, or -1 when the response states none.
   *
   * @param responseMillis when the response arrived: the stand-in for a missing {@code Date}
   */
  static long lifetimeSeconds(Headers headers, Directives cc, long responseMillis) {
    long sMaxAge = cc.seconds("s-maxage");
    if (sMaxAge != -2) {
      return Math.max(0, sMaxAge);
    }
    long maxAge = cc.seconds("max-age");
    if (maxAge != -2) {
      return Math.max(0, maxAge);
    }
    List<String> expires = headers.all("Expires");
    if (expires.isEmpty() || cc.targeted()) {
      return -1;
    }
    long expiresAt = expires.size() == 1 ? HttpDates.parse(expires.get(0)) : Long.MIN_VALUE;
    if (expiresAt == Long.MIN_VALUE) {
      return 0;
    }
    long date = dateOf(headers, responseMillis);
    return Math.max(0, Math.floorDiv(expiresAt - date, 1000));
  }

  /** The response's {@code Date}, or {@code fallback} when it has none that parses. */
  static long dateOf(Headers headers, long fallback) {
    long date = HttpDates.parse(headers.first("Date"));
    return date == Long.MIN_VALUE ? fallback : date;
  }

  /**
   * The response's age when it arrived, in whole seconds (RFC 9111 §4.2.3): the larger of the
   * apparent age ({@code Date} to arrival) and the {@code Age} it carried plus the time the request
   * took. {@code Age} is read from its first line's first value; anything but digits is ignored.
   */
  static long initialAgeSeconds(Headers headers, long requestMillis, long responseMillis) {
    long apparent = 0;
    long date = HttpDates.parse(headers.first("Date"));
    if (date != Long.MIN_VALUE) {
      apparent = Math.max(0, Math.floorDiv(responseMillis - date, 1000));
    }
    long ageValue = 0;
    String age = headers.first("Age");
    if (age != null) {
      String first = age.split(",", 2)[0].trim();
      if (!first.isEmpty() && first.chars().allMatch(c -> c >= '0' && c <= '9')) {
        ageValue = Directives.cappedDigits(first);
      }
    }
    long delay = Math.max(0, responseMillis - requestMillis) / 1000;
    return Math.max(apparent, ageValue + delay);
  }

  /**
   * Whether a shared cache may store the response (RFC 9111 §3 and §3.5), given how freshness is
   * handled without explicit freshness.
   */
  static boolean storable(int status, Headers headers, Directives cc, boolean requestAuthorized,
      ImplicitFreshness implicit, boolean explicit) {
    // must-understand: a status this cache understands may be stored despite no-store.
    boolean understood = cc.has("must-understand") && UNDERSTOOD.contains(status);
    if (cc.has("no-store") && !understood || cc.has("private") || varyStar(headers)) {
      return false;
    }
    if (requestAuthorized
        && !(cc.has("public") || cc.has("s-maxage") || cc.has("must-revalidate"))) {
      return false;
    }
    if (status < 200 || status == 206 || status == 304) {
      return false;
    }
    if (explicit) {
      return true;
    }
    if (cc.has("no-cache") && (headers.has("ETag") || headers.has("Last-Modified"))) {
      // Stored only to be revalidated on every use: its validators save the body's transfer.
      return true;
    }
    return implicit == ImplicitFreshness.ZONE && (HEURISTIC.contains(status) || cc.has("public"));
  }

  /** The rules of a stored (storable) or passing (not storable) response. */
  static ValueRules rules(Directives cc, long lifetimeSeconds, long initialAgeSeconds,
      boolean storable) {
    boolean explicit = lifetimeSeconds >= 0;
    boolean noCache = cc.has("no-cache");
    // s-maxage carries proxy-revalidate's meaning for a shared cache (RFC 9111 §5.2.2.10).
    boolean revalidate = noCache || cc.has("must-revalidate") || cc.has("proxy-revalidate")
        || cc.has("s-maxage");
    long baseTtl = noCache ? 0
        : explicit ? Math.max(0, lifetimeSeconds - initialAgeSeconds) : -1;
    long swr = cc.seconds("stale-while-revalidate");
    long staleWindow = swr >= 0 ? swr * 1000 : explicit || noCache ? 0 : -1;
    long sie = cc.seconds("stale-if-error");
    return new ValueRules(baseTtl, staleWindow, sie >= 0 ? sie * 1000 : -1, revalidate, storable);
  }

  /** Whether {@code Vary} lists {@code *}: no request can be matched to the response. */
  static boolean varyStar(Headers headers) {
    for (String name : varyNames(headers)) {
      if (name.equals("*")) {
        return true;
      }
    }
    return false;
  }

  /** The lower-case field names of every {@code Vary} line. */
  static List<String> varyNames(Headers headers) {
    String vary = headers.joined("Vary");
    if (vary == null) {
      return List.of();
    }
    List<String> names = new java.util.ArrayList<>();
    for (String part : vary.split(",")) {
      String name = part.trim().toLowerCase(java.util.Locale.ROOT);
      if (!name.isEmpty() && !names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
