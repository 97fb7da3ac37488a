package dev.oddscache.server.http;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code CDN-Cache-Control} (RFC 9213): the cache directives an origin addresses to CDNs and
 * reverse proxies such as this one. It is a Structured Field Dictionary (RFC 8941); when it parses,
 * it replaces {@code Cache-Control} and {@code Expires} for this cache; when it does not (bad
 * syntax, an upper-case key, a {@code max-age} that is not an integer), it is ignored whole.
 */
final class TargetedCacheControl {
  private TargetedCacheControl() {}

  /** The directives of a valid field, or null when there is none or it does not parse. */
  static Directives parse(String field) {
    if (field == null) {
      return null;
    }
    Map<String, String> out = new HashMap<>();
    String s = field;
    int i = skipSpaces(s, 0);
    if (i == s.length()) {
      return null;
    }
    while (i < s.length()) {
      int start = i;
      if (!keyStart(s.charAt(i))) {
        return null;
      }
      while (i < s.length() && keyChar(s.charAt(i))) {
        i++;
      }
      String key = s.substring(start, i);
      String value = null;
      boolean integer = false;
      if (i < s.length() && s.charAt(i) == '=') {
        i++;
        if (i >= s.length()) {
          return null;
        }
        char c = s.charAt(i);
        if (c == '"') {
          int end = s.indexOf('"', i + 1);
          if (end < 0) {
            return null;
          }
          value = "\"" + s.substring(i + 1, end);
          i = end + 1;
        } else if (c == '-' || Character.isDigit(c)) {
          int vs = i;
          i++;
          while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
          }
          value = s.substring(vs, i);
          integer = value.matches("-?\\d{1,15}");
          if (!integer && !value.matches("-?\\d{1,12}\\.\\d{1,3}")) {
            return null;
          }
        } else if (c == '?') {
          if (i + 1 >= s.length() || s.charAt(i + 1) != '0' && s.charAt(i + 1) != '1') {
            return null;
          }
          value = s.substring(i, i + 2);
          i += 2;
        } else if (Character.isLetter(c) || c == '*') {
          int vs = i;
          while (i < s.length() && tokenChar(s.charAt(i))) {
            i++;
          }
          value = s.substring(vs, i);
        } else {
          return null;
        }
      }
      while (i < s.length() && s.charAt(i) == ';') {
        // Parameters are allowed and carry nothing a cache uses here.
        i++;
        while (i < s.length() && s.charAt(i) != ';' && s.charAt(i) != ',') {
          i++;
        }
      }
      if (key.equals("max-age") || key.equals("s-maxage") || key.equals("stale-if-error")
          || key.equals("stale-while-revalidate")) {
        if (!integer) {
          return null;
        }
        if (value.startsWith("-")) {
          value = "-1";
        }
      }
      out.putIfAbsent(key, value);
      i = skipSpaces(s, i);
      if (i == s.length()) {
        break;
      }
      if (s.charAt(i) != ',') {
        return null;
      }
      i = skipSpaces(s, i + 1);
      if (i == s.length()) {
        return null;
      }
    }
    return Directives.of(out);
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static boolean keyStart(char c) {
    return c >= 'a' && c <= 'z' || c == '*';
  }

  private static boolean keyChar(char c) {
    return keyStart(c) || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
  }

  private static boolean tokenChar(char c) {
    return c > ' ' && c < 0x7f && c != ',' && c != ';' && c != '"' && c != '=';
  }
}
