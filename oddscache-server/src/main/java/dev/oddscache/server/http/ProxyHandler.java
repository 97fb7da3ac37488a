package dev.oddscache.server.http;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OverloadException;
import dev.oddscache.cache.ReadOptions;
import dev.oddscache.decision.Decision;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET|HEAD /p/{path}}: the caching proxy (SPEC §13). The key is method + path + sorted
 * query; only 200 responses are cached; the answer carries {@code X-Cache}, {@code Age} and the
 * decision's TTL, zone, breaker mode and tier. Nothing of the upstream response but its body
 * and content type is relayed, so hop-by-hop headers never cross the proxy; only {@code Accept}
 * is sent upstream, because one cached answer is shared by every client.
 */
final class ProxyHandler {
  static final String PREFIX = "/p/";

  private final OddsCache<CachedResponse> cache;
  private final Upstream upstream;
  private final Timeline timeline;
  private final int maxKeyBytes;

  ProxyHandler(OddsCache<CachedResponse> cache, Upstream upstream, Timeline timeline, int maxKeyBytes) {
    this.cache = cache;
    this.upstream = upstream;
    this.timeline = timeline;
    this.maxKeyBytes = maxKeyBytes;
  }

  void handle(Context ctx) {
    if (upstream == null) {
      throw new ApiError(503, "no upstream configured", "upstream",
          "start the server with --upstream URL to use the proxy");
    }
    String method = ctx.method().name();
    String rawPath = ctx.req().getRequestURI().substring(PREFIX.length());
    String rawQuery = ctx.req().getQueryString();
    URI target = upstream.target(rawPath, rawQuery);
    String key = key(method, rawPath, rawQuery);
    if (key.getBytes(StandardCharsets.UTF_8).length > maxKeyBytes) {
      throw ApiError.badRequest("cache key too long", "path",
          "method + path + query must be at most " + maxKeyBytes + " bytes");
    }
    MatchContext context = ContextHeaders.from(ctx);
    ReadOptions options = CacheControl.parse(ctx.header("Cache-Control"));
    CompletableFuture<CacheResult<CachedResponse>> result =
        cache.getAsync(key, context, options, k -> upstream.fetch(method, target));
    if (result.isDone()) {
      // A hit (or a load that finished at once) is answered on this thread: going through
      // ctx.future would suspend and redispatch the request in Jetty for nothing.
      CacheResult<CachedResponse> r = null;
      Throwable error = null;
      try {
        r = result.join();
      } catch (CompletionException | CancellationException e) {
        error = e;
      }
      respond(ctx, r, error);
      return;
    }
    ctx.future(() -> result.handle((r, error) -> {
      respond(ctx, r, error);
      return null;
    }));
  }

  private void respond(Context ctx, CacheResult<CachedResponse> result, Throwable error) {
    if (error != null) {
      timeline.served(-1);
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      if (cause instanceof UpstreamException u && u.isClientError()) {
        ctx.status(u.status()).header("X-Cache", "MISS");
        if (u.contentType() != null) {
          ctx.contentType(u.contentType());
        }
        ctx.result(u.body());
        return;
      }
      if (cause instanceof OverloadException) {
        error(ctx, new ApiError(503, "backend overloaded", null, cause.getMessage()));
        return;
      }
      error(ctx, new ApiError(502, "upstream failed and no stale value was available", null,
          cause.getMessage()));
      return;
    }
    timeline.served(result.ageMillis());
    Decision d = result.decision();
    ctx.status(200)
        .header("X-Cache", xCache(result))
        .header("Age", Long.toString(result.ageMillis() / 1000))
        .header("X-Oddscache-Ttl", Long.toString(d.ttlSeconds()))
        .header("X-Oddscache-Zone", d.zone().name())
        .header("X-Oddscache-Mode", d.breakerMode().name())
        .header("X-Oddscache-Tier", Integer.toString(d.tier()))
        .contentType(result.value().contentType());
    // Written straight to the (compressing) output stream: ctx.result(bytes) would make Javalin
    // copy it through a fresh 8 KiB buffer, most of what a proxied hit allocates.
    try {
      ctx.outputStream().write(result.value().body());
    } catch (IOException e) {
      throw new UncheckedIOException("writing the response failed", e);
    }
  }

  static String xCache(CacheResult<?> result) {
    if (result.staleOnError()) {
      return "STALE-ERROR";
    }
    if (result.overloaded()) {
      return "STALE";
    }
    return switch (result.strategy()) {
      case SERVE_FRESH -> "HIT";
      case SERVE_STALE -> "STALE";
      case COMPUTE -> "MISS";
      case BYPASS -> "BYPASS";
    };
  }

  private static void error(Context ctx, ApiError e) {
    ctx.status(e.status()).json(e.body());
  }

  /**
   * Refuses a raw URI with a '%' that does not start an escape such as {@code %2F}. Javalin
   * URL-decodes the proxied path before the handler runs and fails on such a path (with a 500),
   * and Jetty lets it through inside path parameters ({@code /p/a;x=%z}); run before matching.
   *
   * @throws ApiError 400 naming the path
   */
  static void requireWellFormedEscapes(String rawUri) {
    for (int i = rawUri.indexOf('%'); i >= 0; i = rawUri.indexOf('%', i + 1)) {
      if (i + 2 >= rawUri.length() || Character.digit(rawUri.charAt(i + 1), 16) < 0
          || Character.digit(rawUri.charAt(i + 2), 16) < 0) {
        throw ApiError.badRequest("malformed path or query", "path",
            "'%' at index " + i + " does not start an escape like %2F");
      }
    }
  }

  /** method + path + query parameters sorted by name then value, so order does not matter. */
  static String key(String method, String rawPath, String rawQuery) {
    StringBuilder key = new StringBuilder(method).append(' ').append('/').append(rawPath);
    if (rawQuery != null && !rawQuery.isEmpty()) {
      List<String> params = new ArrayList<>(List.of(rawQuery.split("&")));
      params.removeIf(String::isEmpty);
      params.sort(null);
      key.append('?').append(String.join("&", params));
    }
    return key.toString();
  }

}
