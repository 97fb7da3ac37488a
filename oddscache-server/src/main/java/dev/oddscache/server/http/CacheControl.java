package dev.oddscache.server.http;

import dev.oddscache.cache.ReadOptions;
import java.time.Duration;

/**
 * A request's {@code Cache-Control} (and {@code Pragma: no-cache} without it), as the proxy
 * honours it: {@code no-cache} and {@code max-age=0} reload (revalidating what is stored), {@code
 * max-stale[=N]} and {@code min-fresh=N} bound what may be served, {@code only-if-cached} never
 * contacts the upstream, {@code no-store} passes the request through without storing. Other
 * directives are ignored, as HTTP caches do; a malformed number is a 400 naming the directive.
 *
 * @param options the freshness bounds handed to the cache
 * @param onlyIfCached answer from what is stored, or 504
 * @param noStore neither store the answer nor answer from the store
 */
record CacheControl(ReadOptions options, boolean onlyIfCached, boolean noStore) {
  static final CacheControl DEFAULT = new CacheControl(ReadOptions.DEFAULT, false, false);
  private static final long MAX_SECONDS = 365L * 24 * 3600;

  static CacheControl parse(String header, String pragma) {
    if (header == null || header.isBlank()) {
      if (pragma != null && pragma.toLowerCase(java.util.Locale.ROOT).contains("no-cache")) {
        return new CacheControl(ReadOptions.reload(), false, false);
      }
      return DEFAULT;
    }
    Directives d = Directives.parse(header);
    Duration maxStale = null;
    if (d.has("max-stale") && d.argument("max-stale") != null) {
      // A bare max-stale means "any staleness": leave the cache's own stale window in charge.
      maxStale = Duration.ofSeconds(seconds(d, "max-stale"));
    }
    Duration minFresh = d.has("min-fresh") ? Duration.ofSeconds(seconds(d, "min-fresh"))
        : Duration.ZERO;
    boolean noCache = d.has("no-cache") || d.has("max-age") && seconds(d, "max-age") == 0;
    return new CacheControl(new ReadOptions(maxStale, minFresh, noCache),
        d.has("only-if-cached"), d.has("no-store"));
  }

  /** For callers with no {@code Pragma}. */
  static ReadOptions parse(String header) {
    return parse(header, null).options();
  }

  private static long seconds(Directives d, String name) {
    long s = d.seconds(name);
    if (s < 0 || s > MAX_SECONDS) {
      throw ApiError.badRequest("Cache-Control " + name + " must be whole seconds in [0, "
          + MAX_SECONDS + "]", "Cache-Control", name + "=" + d.argument(name));
    }
    return s;
  }
}
