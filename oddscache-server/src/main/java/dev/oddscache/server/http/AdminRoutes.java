package dev.oddscache.server.http;

import dev.oddscache.cache.OddsCache;
import dev.oddscache.stats.StatsCategory;
import dev.oddscache.store.StoreException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code DELETE /v1/cache[?match=ID]} and {@code POST /v1/stats/reset?category=C}. */
final class AdminRoutes {
  private final OddsCache<?> cache;

  AdminRoutes(OddsCache<?> cache) {
    this.cache = cache;
  }

  void deleteCache(Context ctx) {
    String match = ctx.queryParam("match");
    long deleted;
    try {
      if (match == null) {
        deleted = cache.invalidateAll();
      } else if (match.isBlank()) {
        throw ApiError.badRequest("match must not be blank", "match",
            "omit it to clear everything");
      } else {
        deleted = cache.invalidateMatch(match);
      }
    } catch (StoreException e) {
      throw new ApiError(503, "store unavailable, nothing deleted", null, e.getMessage());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("match", match);
    json.put("keysDeleted", deleted);
    ctx.json(json);
  }

  void resetStats(Context ctx) {
    String category = ctx.queryParam("category");
    StatsCategory parsed;
    try {
      parsed = StatsCategory.parse(category == null ? "" : category);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("unknown stats category", "category", e.getMessage());
    }
    cache.resetStats(parsed);
    ctx.json(Map.of("reset", parsed.name().toLowerCase(java.util.Locale.ROOT)));
  }
}
