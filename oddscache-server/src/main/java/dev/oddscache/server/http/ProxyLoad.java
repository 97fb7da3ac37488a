package dev.oddscache.server.http;

import dev.oddscache.cache.AsyncLoader;
import dev.oddscache.server.settings.ImplicitFreshness;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One proxied request's loader: fetches the URL upstream, or revalidates the stored response
 * with its validators ({@code If-None-Match}/{@code If-Modified-Since}: a {@code 304} refreshes
 * it without a body), and selects stored responses by the request headers their {@code Vary}
 * names. Remembers what it fetched, so that only this request gets that answer's {@code
 * Set-Cookie} and answers that may not be shared. Used by one request; the cache calls it from
 * one load at a time.
 */
final class ProxyLoad implements AsyncLoader<CachedResponse> {
  private static final Set<String> NOT_RELAYED = Set.of("set-cookie");

  private final Upstream upstream;
  private final URI target;
  private final java.util.function.Supplier<Headers> forwardHeaders;
  private Headers forward;
  private final RequestHeaders request;
  private final ImplicitFreshness implicit;
  private volatile CachedResponse fetched;
  private volatile UpstreamReply reply;
  private volatile boolean revalidated;

  /**
   * @param forward the header lines to send upstream, built only when this request loads (a hit
   *     never needs them)
   */
  ProxyLoad(Upstream upstream, URI target, java.util.function.Supplier<Headers> forward,
      RequestHeaders request, ImplicitFreshness implicit) {
    this.upstream = upstream;
    this.target = target;
    this.forwardHeaders = forward;
    this.request = request;
    this.implicit = implicit;
  }

  private Headers forward() {
    if (forward == null) {
      forward = forwardHeaders.get();
    }
    return forward;
  }

  @Override
  public CompletableFuture<CachedResponse> load(String key) {
    return upstream.send("GET", target, forward(), null).thenApply(this::received);
  }

  @Override
  public CompletableFuture<CachedResponse> reload(String key, CachedResponse old) {
    if (!old.hasValidator() || old.status() != 200) {
      return load(key);
    }
    Headers.Builder conditional = Headers.builder();
    Headers forward = forward();
    for (int i = 0; i < forward.size(); i++) {
      conditional.add(forward.name(i), forward.value(i));
    }
    if (old.etag() != null) {
      conditional.add("If-None-Match", old.etag());
    }
    if (old.lastModified() != null) {
      conditional.add("If-Modified-Since", old.lastModified());
    }
    return upstream.send("GET", target, conditional.build(), null).thenApply(r -> {
      if (r.status() != 304) {
        return received(r);
      }
      this.reply = r;
      this.revalidated = true;
      CachedResponse refreshed = old.refreshedBy(endToEnd(r.headers()), r.requestMillis(),
          r.responseMillis(), request, implicit);
      this.fetched = refreshed;
      return refreshed;
    });
  }

  @Override
  public boolean accepts(CachedResponse stored) {
    return stored.matches(request);
  }

  private CachedResponse received(UpstreamReply r) {
    this.reply = r;
    Headers endToEnd = endToEnd(r.headers());
    if (r.status() >= 500 && !explicitlyFresh(endToEnd, r)) {
      // A server error that states no freshness is a failed load: a stored answer may be served
      // instead (stale-if-error); otherwise the proxy relays this reply.
      throw UpstreamException.serverError(r);
    }
    CachedResponse response = CachedResponse.received(r.status(), endToEnd, r.body(),
        r.requestMillis(), r.responseMillis(), request, implicit);
    this.fetched = response;
    return response;
  }

  private static boolean explicitlyFresh(Headers headers, UpstreamReply r) {
    Directives cc = Directives.ofResponse(headers);
    return ResponseFreshness.lifetimeSeconds(headers, cc, r.responseMillis()) >= 0;
  }

  /** Without hop-by-hop fields and {@code Set-Cookie}: what may be stored and shared. */
  static Headers endToEnd(Headers received) {
    return received.without(HopByHop.of(received)).without(NOT_RELAYED);
  }

  /** Whether {@code response} is the one this request's own load produced. */
  boolean fetched(CachedResponse response) {
    return response == fetched;
  }

  /** The {@code Set-Cookie} lines of the answer this request fetched: for it alone. */
  List<String> setCookies() {
    UpstreamReply r = reply;
    return r == null ? List.of() : r.headers().all("Set-Cookie");
  }

  /** The status of the upstream answer this request's load received, or 0. */
  int forwardStatus() {
    UpstreamReply r = reply;
    return r == null ? 0 : r.status();
  }

  boolean revalidated() {
    return revalidated;
  }

  /** Whether {@code r} is the reply this request's own load received. */
  boolean ownReply(UpstreamReply r) {
    return r == reply;
  }
}
