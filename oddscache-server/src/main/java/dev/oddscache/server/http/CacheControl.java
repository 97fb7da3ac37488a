package dev.oddscache.server.http;

import dev.oddscache.cache.ReadOptions;
import java.time.Duration;
import java.util.Locale;

/**
 * Freshness bounds from a request's {@code Cache-Control}: {@code max-stale=N}, {@code
 * min-fresh=N}, {@code no-cache} (SPEC §13). Other directives are ignored, as HTTP caches do; a
 * malformed number is a 400 naming the directive.
 */
final class CacheControl {
  private static final long MAX_SECONDS = 365L * 24 * 3600;

  private CacheControl() {}

  static ReadOptions parse(String header) {
    if (header == null || header.isBlank()) {
      return ReadOptions.DEFAULT;
    }
    Duration maxStale = null;
    Duration minFresh = Duration.ZERO;
    boolean noCache = false;
    for (String part : header.split(",")) {
      String directive = part.trim().toLowerCase(Locale.ROOT);
      if (directive.equals("no-cache")) {
        noCache = true;
      } else if (directive.startsWith("max-stale")) {
        // A bare max-stale means "any staleness": leave the cache's own stale window in charge.
        if (directive.contains("=")) {
          maxStale = Duration.ofSeconds(seconds(directive, "max-stale"));
        }
      } else if (directive.startsWith("min-fresh")) {
        minFresh = Duration.ofSeconds(seconds(directive, "min-fresh"));
      }
    }
    return new ReadOptions(maxStale, minFresh, noCache);
  }

  private static long seconds(String directive, String name) {
    int eq = directive.indexOf('=');
    String value = eq < 0 ? "" : directive.substring(eq + 1).trim().replace("\"", "");
    try {
      long seconds = Long.parseLong(value);
      if (seconds < 0 || seconds > MAX_SECONDS) {
        throw new NumberFormatException();
      }
      return seconds;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("Cache-Control " + name + " must be whole seconds in [0, "
          + MAX_SECONDS + "]", "Cache-Control", directive);
    }
  }
}
