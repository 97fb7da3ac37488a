package dev.oddscache.server.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed {@code Cache-Control} field (RFC 9111 §5.2): directive names in lower case, each with
 * its argument (unquoted) or null. Commas inside quoted strings do not split directives, so a
 * {@code max-age} quoted inside another directive's argument is never read as one. Of a repeated
 * directive the first is kept. Immutable.
 */
final class Directives {
  static final Directives NONE = new Directives(Map.of());
  /** What a malformed delta-seconds reads as: 0, already stale. */
  static final long INVALID = -1;
  /** Larger values are capped here, as RFC 9111 §1.2.2 says. */
  static final long MAX_DELTA = 2_147_483_648L;

  private final Map<String, String> directives;
  private final boolean targeted;

  private Directives(Map<String, String> directives) {
    this(directives, false);
  }

  private Directives(Map<String, String> directives, boolean targeted) {
    this.directives = directives;
    this.targeted = targeted;
  }

  /** Parses one or more field lines, already joined with commas; null or blank gives NONE. */
  static Directives parse(String field) {
    if (field == null || field.isBlank()) {
      return NONE;
    }
    Map<String, String> out = new HashMap<>();
    int i = 0;
    int n = field.length();
    while (i < n) {
      while (i < n
          && (field.charAt(i) == ',' || field.charAt(i) == ' ' || field.charAt(i) == '\t')) {
        i++;
      }
      int start = i;
      while (i < n && field.charAt(i) != '=' && field.charAt(i) != ',') {
        i++;
      }
      String name = field.substring(start, i).trim().toLowerCase(Locale.ROOT);
      String value = null;
      if (i < n && field.charAt(i) == '=') {
        i++;
        while (i < n && (field.charAt(i) == ' ' || field.charAt(i) == '\t')) {
          i++;
        }
        if (i < n && field.charAt(i) == '"') {
          StringBuilder v = new StringBuilder();
          i++;
          while (i < n && field.charAt(i) != '"') {
            if (field.charAt(i) == '\\' && i + 1 < n) {
              i++;
            }
            v.append(field.charAt(i++));
          }
          i++; // the closing quote
          value = v.toString();
          while (i < n && field.charAt(i) != ',') {
            i++; // junk after a quoted string
          }
        } else {
          int vs = i;
          while (i < n && field.charAt(i) != ',') {
            i++;
          }
          value = field.substring(vs, i).trim();
        }
      }
      if (!name.isEmpty()) {
        out.putIfAbsent(name, value);
      }
    }
    return new Directives(java.util.Collections.unmodifiableMap(out));
  }

  static Directives of(Map<String, String> directives) {
    return new Directives(java.util.Collections.unmodifiableMap(new HashMap<>(directives)));
  }

  /**
   * A response's directives for this cache: its {@code CDN-Cache-Control} when that is valid
   * (then {@link #targeted()}), else its {@code Cache-Control} lines.
   */
  static Directives ofResponse(Headers headers) {
    String cdn = headers.joined("CDN-Cache-Control");
    Directives targeted = cdn == null ? null : TargetedCacheControl.parse(cdn);
    if (targeted != null) {
      return new Directives(targeted.directives, true);
    }
    return parse(headers.joined("Cache-Control"));
  }

  /** Whether these came from {@code CDN-Cache-Control}, which also sets {@code Expires} aside. */
  boolean targeted() {
    return targeted;
  }

  boolean has(String name) {
    return directives.containsKey(name);
  }

  String argument(String name) {
    return directives.get(name);
  }

  /**
   * A delta-seconds argument: -2 when the directive is absent, {@link #INVALID} when it is not
   * a non-negative integer (a negative, fractional, single-quoted or missing value), else the
   * value capped at {@link #MAX_DELTA}.
   */
  long seconds(String name) {
    if (!directives.containsKey(name)) {
      return -2;
    }
    String v = directives.get(name);
    if (v == null || v.isEmpty()) {
      return INVALID;
    }
    for (int i = 0; i < v.length(); i++) {
      if (v.charAt(i) < '0' || v.charAt(i) > '9') {
        return INVALID;
      }
    }
    return cappedDigits(v);
  }

  /**
   * A non-empty string of ASCII digits as a delta-seconds value capped at {@link #MAX_DELTA}.
   * Leading zeros are skipped before the length check: {@code 0000000000000060} is 60 seconds,
   * not the cap (which, for a max-age, would have kept a 60 s response fresh for 68 years).
   */
  static long cappedDigits(String digits) {
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    if (digits.length() - start > 10) {
      return MAX_DELTA;
    }
    return Math.min(Long.parseLong(digits, start, digits.length(), 10), MAX_DELTA);
  }
}
