package dev.oddscache.server.http;

import dev.oddscache.cache.OddsCache;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proxied requests with a method other than GET and HEAD ({@code POST}, {@code PUT}, {@code
 * DELETE}, {@code PATCH}, {@code OPTIONS}, or any extension method such as {@code M-SEARCH}):
 * sent on to the upstream uncached, the body streamed both ways (the request's bounded by the
 * server's body limit: 413 past it), and the answer relayed as it came. A 2xx or 3xx answer
 * invalidates what is stored for that URL (RFC 9111 §4.4), since the request may have changed
 * it. Runs as a servlet filter because Javalin routes only the methods it knows.
 */
final class PassThroughFilter implements Filter {
  private static final Logger log = LoggerFactory.getLogger(PassThroughFilter.class);

  private final Supplier<Upstream> upstream;
  private final OddsCache<CachedResponse> cache;
  private final long maxBodyBytes;
  private final int maxKeyBytes;

  PassThroughFilter(Supplier<Upstream> upstream, OddsCache<CachedResponse> cache,
      long maxBodyBytes, int maxKeyBytes) {
    this.upstream = upstream;
    this.cache = cache;
    this.maxBodyBytes = maxBodyBytes;
    this.maxKeyBytes = maxKeyBytes;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    String method = req.getMethod();
    if (method.equals("GET") || method.equals("HEAD")
        || !req.getRequestURI().startsWith(ProxyHandler.PREFIX)) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse res = (HttpServletResponse) response;
    try {
      pass(req, res, method);
    } catch (ApiError e) {
      JsonErrorHandler.writeJson(res, e.status(), e.body());
    }
  }

  private void pass(HttpServletRequest req, HttpServletResponse res, String method)
      throws IOException {
    Upstream up = upstream.get();
    if (up == null) {
      throw new ApiError(503, "no upstream configured", "upstream",
          "start the server with --upstream URL to use the proxy");
    }
    String uri = req.getRequestURI();
    ProxyHandler.requireWellFormedEscapes(uri);
    String rawPath = uri.substring(ProxyHandler.PREFIX.length());
    String rawQuery = req.getQueryString();
    URI target = up.target(rawPath, rawQuery);
    String key = ProxyHandler.key(rawPath, rawQuery, maxKeyBytes);
    if (req.getContentLengthLong() > maxBodyBytes) {
      throw new ApiError(413, "request body too large", "body",
          "at most " + maxBodyBytes + " bytes, got " + req.getContentLengthLong());
    }
    Headers received = ForwardedRequest.received(req);
    boolean hasBody = req.getContentLengthLong() > 0 || req.getHeader("Transfer-Encoding") != null;
    HttpResponse<InputStream> reply;
    try {
      reply = up.stream(method, target, ForwardedRequest.of(req, received, false),
          hasBody ? req.getInputStream() : null, hasBody ? req.getContentLengthLong() : 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(503, "interrupted", null, "the server is stopping");
    } catch (UpstreamException e) {
      throw new ApiError(e.isTimeout() ? 504 : 502,
          e.isTimeout() ? "upstream timed out" : "upstream failed", null, e.getMessage());
    }
    int status = reply.statusCode();
    if (status >= 200 && status < 400) {
      invalidate(key);
    }
    Headers headers = Headers.of(reply.headers());
    try (InputStream body = reply.body()) {
      // Marked as relayed like every other upstream answer the proxy passes on (GET
      // pass-through, relayed failures): without it an upstream 4xx/5xx to a POST looked
      // like the proxy's own error (HttpFuzzTest's property relies on the mark).
      ReplyWriter.writeStreaming(res, status, headers.without(HopByHop.of(headers)), body,
          method.equals("HEAD"), () -> {
            res.setHeader("X-Cache", "MISS");
            res.setHeader("Cache-Status", "oddscache; fwd=method; fwd-status=" + status);
            res.addHeader("Via", "1.1 oddscache");
          });
    }
  }

  private void invalidate(String key) {
    try {
      cache.store().remove(key);
    } catch (RuntimeException e) {
      log.debug("invalidation after an unsafe method failed key={} error={}", key, e.toString());
    }
  }


}
