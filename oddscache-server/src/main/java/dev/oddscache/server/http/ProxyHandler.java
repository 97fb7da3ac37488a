package dev.oddscache.server.http;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.DriftVerdict;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OverloadException;
import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;
import dev.oddscache.server.settings.ImplicitFreshness;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET|HEAD /p/{path}}: the caching proxy, a shared HTTP cache whose freshness is decided
 * from volatility (see {@code docs/http.md}). The key is the path and the query sorted by
 * parameter name; HEAD is answered from the GET's response. What may be stored, for how long,
 * and which stored response a request may get follow the upstream's {@code Cache-Control},
 * {@code Expires}, {@code Vary} and validators; the decision's TTL replaces heuristic freshness
 * and its breaker and quota floors may hold a response longer, to protect the backend.
 */
final class ProxyHandler {
  static final String PREFIX = "/p/";
  /** Fields a 304 to a client does not carry: they describe a body it does not get. */
  private static final Set<String> NOT_IN_304 = Set.of("content-length", "content-type",
      "content-encoding", "content-range", "content-language");

  private static final org.eclipse.jetty.http.HttpField VIA =
      EncodedFields.constant("Via", "1.1 oddscache");
  /** The lines a hit repeats, encoded once: looked up, not built, per answer. */
  private static final java.util.Map<String, org.eclipse.jetty.http.HttpField> X_CACHE =
      java.util.stream.Stream.of("HIT", "STALE", "MISS", "BYPASS", "STALE-ERROR").collect(
          java.util.stream.Collectors.toMap(v -> v, v -> EncodedFields.constant("X-Cache", v)));
  private static final org.eclipse.jetty.http.HttpField[] ZONE =
      java.util.Arrays.stream(dev.oddscache.zone.Zone.values())
          .map(z -> EncodedFields.constant("X-Oddscache-Zone", z.name()))
          .toArray(org.eclipse.jetty.http.HttpField[]::new);
  private static final org.eclipse.jetty.http.HttpField[] MODE =
      java.util.Arrays.stream(dev.oddscache.breaker.BreakerMode.values())
          .map(m -> EncodedFields.constant("X-Oddscache-Mode", m.name()))
          .toArray(org.eclipse.jetty.http.HttpField[]::new);
  private static final org.eclipse.jetty.http.HttpField[] TIER =
      java.util.stream.IntStream.rangeClosed(0, 4)
          .mapToObj(t -> EncodedFields.constant("X-Oddscache-Tier", Integer.toString(t)))
          .toArray(org.eclipse.jetty.http.HttpField[]::new);
  private static final CompletableFuture<Void> ANSWERED = CompletableFuture.completedFuture(null);

  private final OddsCache<CachedResponse> cache;
  private final Upstream upstream;
  private final Timeline timeline;
  private final int maxKeyBytes;
  private final ImplicitFreshness implicit;

  ProxyHandler(OddsCache<CachedResponse> cache, Upstream upstream, Timeline timeline,
      int maxKeyBytes, ImplicitFreshness implicit) {
    this.cache = cache;
    this.upstream = upstream;
    this.timeline = timeline;
    this.maxKeyBytes = maxKeyBytes;
    this.implicit = implicit;
  }

  void handle(Context ctx) {
    if (upstream == null) {
      throw new ApiError(503, "no upstream configured", "upstream",
          "start the server with --upstream URL to use the proxy");
    }
    boolean head = ctx.method().name().equals("HEAD");
    String rawPath = ctx.req().getRequestURI().substring(PREFIX.length());
    String rawQuery = ctx.req().getQueryString();
    URI target = upstream.target(rawPath, rawQuery);
    String key = key(rawPath, rawQuery, maxKeyBytes);
    MatchContext context = ContextHeaders.from(ctx);
    CacheControl directives =
        CacheControl.parse(ctx.header("Cache-Control"), ctx.header("Pragma"));
    RequestHeaders received = ForwardedRequest.view(ctx.req());
    if (directives.noStore()) {
      finish(ctx, pass(ctx, head, target, "bypass"));
      return;
    }
    ProxyLoad load = new ProxyLoad(upstream, target, () -> ForwardedRequest.of(ctx.req(),
        ForwardedRequest.received(ctx.req()), true), received, implicit);
    CompletableFuture<CacheResult<CachedResponse>> result = directives.onlyIfCached()
        ? cache.getAsync(key, context, directives.options(), k -> CompletableFuture.failedFuture(
            new OnlyIfCached()))
        : cache.getAsync(key, context, directives.options(), load);
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
      finish(ctx, respond(ctx, head, target, received, load, r, error));
      return;
    }
    ctx.future(() -> result.handle((r, error) -> respond(ctx, head, target, received, load, r,
        error)).thenCompose(answered -> answered));
  }

  /** Suspends the request until {@code answered} completes, unless it already has. */
  private static void finish(Context ctx, CompletableFuture<?> answered) {
    if (answered.isDone()) {
      answered.join();
    } else {
      ctx.future(() -> answered);
    }
  }

  /**
   * Answers from {@code result} or {@code error}; the returned future completes when the answer
   * is written (at once, unless this request must ask the upstream itself).
   */
  private CompletableFuture<?> respond(Context ctx, boolean head, URI target,
      RequestHeaders received, ProxyLoad load, CacheResult<CachedResponse> result,
      Throwable error) {
    if (error != null) {
      timeline.served(-1);
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      failed(ctx, head, load::ownReply, cause);
      return ANSWERED;
    }
    CachedResponse value = result.value();
    boolean own = load.fetched(value);
    if (!own && (!value.storable() || !load.accepts(value))) {
      // Coalesced onto another request's load whose answer is not for this request: a private
      // or unstorable one, or another variant. This request asks the upstream itself.
      return pass(ctx, head, target, value.storable() ? "vary-miss" : "bypass");
    }
    timeline.served(result.ageMillis());
    long age = value.initialAgeSeconds() + result.ageMillis() / 1000;
    HttpServletResponse res = ctx.res();
    String cacheStatus = cacheStatus(result, load, own, value);
    Decision d = result.decision();
    Runnable ours = () -> {
      if (own) {
        for (String cookie : load.setCookies()) {
          res.addHeader("Set-Cookie", cookie);
        }
      }
      EncodedFields.put(res, "Age", Long.toString(age));
      EncodedFields.put(res, X_CACHE.get(xCache(result)));
      EncodedFields.put(res, "Cache-Status", cacheStatus);
      EncodedFields.put(res, "X-Oddscache-Ttl", Long.toString(d.ttlSeconds()));
      if (d.freshnessReason() != null) {
        EncodedFields.put(res, "X-Oddscache-Freshness", d.freshnessReason());
      }
      EncodedFields.put(res, ZONE[d.zone().ordinal()]);
      EncodedFields.put(res, MODE[d.breakerMode().ordinal()]);
      EncodedFields.put(res, d.tier() >= 0 && d.tier() < TIER.length ? TIER[d.tier()]
          : EncodedFields.constant("X-Oddscache-Tier", Integer.toString(d.tier())));
      EncodedFields.add(res, VIA);
    };
    if (value.status() == 200 && notModified(received, value)) {
      Headers kept = value.headers().filter(
          (n, v) -> !NOT_IN_304.contains(n.toLowerCase(java.util.Locale.ROOT)));
      ReplyWriter.write(res, 304, kept, new byte[0], true, ours);
      return ANSWERED;
    }
    ByteRange range = value.status() == 200 ? ByteRange.of(received, value) : null;
    if (range != null) {
      ReplyWriter.writeRange(res, value.headers(), value.body(), range, head, ours);
      return ANSWERED;
    }
    ReplyWriter.writeStored(res, value, head, ours);
    return ANSWERED;
  }

  /**
   * Answers a load that produced no reusable answer.
   *
   * @param ownReply whether an upstream reply is this request's own (its Set-Cookie goes along)
   */
  private void failed(Context ctx, boolean head,
      java.util.function.Predicate<UpstreamReply> ownReply, Throwable cause) {
    HttpServletResponse res = ctx.res();
    if (cause instanceof UpstreamException u && u.reply() != null) {
      UpstreamReply r = u.reply();
      Headers headers = ProxyLoad.endToEnd(r.headers()).without(Set.of("age"));
      ReplyWriter.write(res, r.status(), headers, r.body(), head, () -> {
        if (ownReply.test(r)) {
          for (String cookie : r.headers().all("Set-Cookie")) {
            res.addHeader("Set-Cookie", cookie);
          }
        }
        res.setHeader("X-Cache", "MISS");
        res.setHeader("Cache-Status", "oddscache; fwd=miss; fwd-status=" + r.status());
        res.addHeader("Via", "1.1 oddscache");
      });
      return;
    }
    if (cause instanceof OnlyIfCached) {
      error(ctx, new ApiError(504, "not in the cache", "Cache-Control",
          "only-if-cached and no stored response may be served"));
      ctx.header("Cache-Status", "oddscache; fwd=miss; detail=only-if-cached");
      return;
    }
    if (cause instanceof ApiError api) {
      error(ctx, api);
      return;
    }
    if (cause instanceof OverloadException) {
      error(ctx, new ApiError(503, "backend overloaded", null, cause.getMessage()));
      ctx.header("Cache-Status", "oddscache; fwd=miss; detail=overload");
      return;
    }
    if (cause instanceof UpstreamException u && u.isTimeout()) {
      error(ctx, new ApiError(504, "upstream timed out and no stale value was available", null,
          cause.getMessage()));
      ctx.header("Cache-Status", "oddscache; fwd=miss; detail=upstream-timeout");
      return;
    }
    error(ctx, new ApiError(502, "upstream failed and no stale value was available", null,
        cause.getMessage()));
    ctx.header("Cache-Status", "oddscache; fwd=miss; detail=upstream-unreachable");
  }

  /**
   * Sends the request upstream as it came (its validators and ranges included) and relays the
   * answer without storing it.
   */
  private CompletableFuture<?> pass(Context ctx, boolean head, URI target, String why) {
    Headers forward = ForwardedRequest.of(ctx.req(), ForwardedRequest.received(ctx.req()), false);
    CompletableFuture<UpstreamReply> reply =
        upstream.send(head ? "HEAD" : "GET", target, forward, null);
    return reply.handle((r, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null
            ? error.getCause() : error;
        failed(ctx, head, own -> true, cause);
        return null;
      }
      HttpServletResponse res = ctx.res();
      ReplyWriter.write(res, r.status(), r.headers().without(HopByHop.of(r.headers())), r.body(),
          head, () -> {
            res.setHeader("X-Cache", "MISS");
            res.setHeader("Cache-Status", "oddscache; fwd=" + why + "; fwd-status=" + r.status());
            res.addHeader("Via", "1.1 oddscache");
          });
      timeline.served(0);
      return null;
    });
  }

  /** Whether the client's validators match {@code value} (RFC 9110 §13.2.2): answer 304. */
  static boolean notModified(RequestHeaders request, CachedResponse value) {
    String inm = request.joined("If-None-Match");
    if (inm != null) {
      String etag = value.etag();
      if (etag == null) {
        return false;
      }
      String opaque = weakless(etag);
      for (String candidate : inm.split(",")) {
        String c = candidate.trim();
        if (c.equals("*") || weakless(c).equals(opaque)) {
          return true;
        }
      }
      return false;
    }
    String ims = request.joined("If-Modified-Since");
    // Without Last-Modified, the response's Date is the latest it can have changed.
    String lastModified = value.lastModified() != null ? value.lastModified()
        : value.headers().first("Date");
    if (ims == null || lastModified == null) {
      return false;
    }
    long since = HttpDates.parse(ims);
    long modified = HttpDates.parse(lastModified);
    return since != Long.MIN_VALUE && modified != Long.MIN_VALUE && modified <= since;
  }

  private static String weakless(String etag) {
    return etag.startsWith("W/") ? etag.substring(2) : etag;
  }

  /**
   * RFC 9211 {@code Cache-Status} for an answer the cache produced. Where price drift judged the
   * stored value, {@code ttl} is the freshness drift gave it and one {@code detail} says which
   * rule served: {@code drift-unmoved} (a hit whose prices did not move), {@code drift-held} (a
   * hit whose prices moved, held by the floor under backend pressure), {@code drifted} (reloaded
   * because they moved: {@code fwd=stale}). Without drift the field is as it always was.
   */
  static String cacheStatus(CacheResult<CachedResponse> result, ProxyLoad load, boolean own,
      CachedResponse value) {
    Decision d = result.decision();
    DriftVerdict drift = result.drift();
    long freshSeconds = drift.freshSeconds(d);
    long ttl = freshSeconds - result.ageMillis() / 1000;
    StringBuilder s = new StringBuilder("oddscache");
    if (result.staleReason() == StaleReason.LOAD_FAILED) {
      s.append("; hit; fwd=stale");
      if (load.forwardStatus() > 0) {
        s.append("; fwd-status=").append(load.forwardStatus());
      }
      s.append("; ttl=").append(ttl).append("; detail=stale-if-error");
      return s.toString();
    }
    if (result.staleReason() == StaleReason.OVERLOADED) {
      return s.append("; hit; ttl=").append(ttl).append("; detail=overload").toString();
    }
    if (result.strategy() == Strategy.SERVE_FRESH) {
      s.append("; hit; ttl=").append(ttl);
      String detail = freshDetail(d, drift, result.ageMillis());
      if (detail != null) {
        s.append("; detail=").append(detail);
      }
      return s.toString();
    }
    if (result.strategy() == Strategy.SERVE_STALE) {
      return s.append("; hit; ttl=").append(ttl).append("; detail=stale-while-revalidate")
          .toString();
    }
    // Loaded for this request, or by another request's load it joined.
    s.append("; fwd=");
    if (drift == DriftVerdict.DRIFTED) {
      // The stored answer was there but stale: its prices moved.
      s.append("stale");
    } else if (result.strategy() == Strategy.BYPASS) {
      s.append(load.revalidated() && own ? "stale" : "request");
    } else {
      s.append(load.revalidated() && own ? "stale" : "uri-miss");
    }
    if (own && load.forwardStatus() > 0) {
      s.append("; fwd-status=").append(load.forwardStatus());
    }
    if (!own) {
      s.append("; collapsed");
    }
    if (value.storable()) {
      s.append("; stored");
    }
    if (drift == DriftVerdict.DRIFTED) {
      s.append("; detail=drifted");
    } else if (result.strategy() == Strategy.BYPASS && freshSeconds == 0) {
      s.append("; detail=").append(d.baseTtlExplicit() && d.baseTtlSeconds() == 0
          ? "revalidate" : "panic");
    }
    return s.toString();
  }

  /** The {@code detail} of a fresh hit, or null for none. */
  private static String freshDetail(Decision d, DriftVerdict drift, long ageMillis) {
    return switch (drift) {
      // A floor holding an answer past the freshness its upstream stated is the deviation shown.
      case NOT_APPLIED -> d.baseTtlExplicit() && d.ttlSeconds() > d.baseTtlSeconds()
          ? "floor" : null;
      case UNMOVED -> d.baseTtlExplicit() && ageMillis >= d.baseTtlSeconds() * 1000
          ? "floor" : "drift-unmoved";
      case HELD -> "drift-held";
      case DRIFTED -> "drifted";
    };
  }

  static String xCache(CacheResult<?> result) {
    if (result.staleReason() == StaleReason.LOAD_FAILED) {
      return "STALE-ERROR";
    }
    if (result.staleReason() == StaleReason.OVERLOADED) {
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

  /**
   * The cache key of a proxied GET or HEAD: path + query parameters sorted by name, the order of
   * repeated names kept ({@code ?id=1&id=2} and {@code ?id=2&id=1} are different requests).
   *
   * @throws ApiError 400 when the key is longer than {@code maxKeyBytes}
   */
  static String key(String rawPath, String rawQuery, int maxKeyBytes) {
    String key = key(rawPath, rawQuery);
    if (key.getBytes(StandardCharsets.UTF_8).length > maxKeyBytes) {
      throw ApiError.badRequest("cache key too long", "path",
          "method + path + query must be at most " + maxKeyBytes + " bytes");
    }
    return key;
  }

  static String key(String rawPath, String rawQuery) {
    StringBuilder key = new StringBuilder("GET /").append(rawPath);
    if (rawQuery != null && !rawQuery.isEmpty()) {
      List<String> params = new ArrayList<>(List.of(rawQuery.split("&")));
      params.removeIf(String::isEmpty);
      // Stable sort by name alone: values of a repeated name keep their order.
      params.sort((a, b) -> name(a).compareTo(name(b)));
      key.append('?').append(String.join("&", params));
    }
    return key.toString();
  }

  private static String name(String param) {
    int eq = param.indexOf('=');
    return eq < 0 ? param : param.substring(0, eq);
  }

  /** The load of an {@code only-if-cached} request: never contacts the upstream. */
  static final class OnlyIfCached extends RuntimeException {
    OnlyIfCached() {
      super("only-if-cached", null, false, false);
    }
  }
}
