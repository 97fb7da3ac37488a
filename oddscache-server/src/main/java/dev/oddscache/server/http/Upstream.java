package dev.oddscache.server.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one fixed backend the proxy fronts. Only paths below its base URL are ever requested, so
 * the proxy cannot be used as an open proxy. Thread-safe.
 */
final class Upstream {
  static final int MAX_CHECKED_TARGETS = 10_000;
  static final int MAX_CHECKED_LENGTH = 512;

  private final URI base;
  private final String basePath;
  private final Duration timeout;
  private final HttpClient client;
  private final dev.oddscache.Ticker ticker;
  private final long maxResponseBytes;
  private final LongAdder calls = new LongAdder();
  private final UpstreamHealth health;
  /**
   * Targets already checked, by raw path and query: a proxied hit would otherwise decode every
   * segment and parse a URI it never uses. Only accepted, short targets are kept, and only so many:
   * at most 10,000 x 512 chars.
   */
  private final ConcurrentHashMap<String, URI> checked = new ConcurrentHashMap<>();

  Upstream(URI base, Duration timeout, Executor executor, dev.oddscache.Ticker ticker,
      long maxResponseBytes) {
    this.ticker = ticker;
    this.maxResponseBytes = maxResponseBytes;
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.base = base;
    this.health = new UpstreamHealth(base, ticker);
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        // HTTP/1.1 only: the JDK client's default tries an h2c upgrade on every plain request.
        .version(HttpClient.Version.HTTP_1_1)
        .executor(executor)
        .build();
  }

  URI base() {
    return base;
  }

  long calls() {
    return calls.sum();
  }

  /**
   * The upstream URI for a proxied raw path and raw query.
   *
   * @throws ApiError 400 if the path would leave the upstream (dot segments, empty segments,
   *     anything that resolves elsewhere)
   */
  URI target(String rawPath, String rawQuery) {
    String raw = rawQuery == null || rawQuery.isEmpty() ? rawPath : rawPath + '?' + rawQuery;
    URI known = checked.get(raw);
    if (known != null) {
      return known;
    }
    URI uri = check(rawPath, rawQuery);
    if (raw.length() <= MAX_CHECKED_LENGTH && checked.size() < MAX_CHECKED_TARGETS) {
      checked.putIfAbsent(raw, uri);
    }
    return uri;
  }

  private URI check(String rawPath, String rawQuery) {
    for (String segment : rawPath.split("/", -1)) {
      String decoded;
      try {
        decoded = java.net.URLDecoder.decode(segment.replace("+", "%2B"),
            java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // A stray '%' ("%^N", "50%"): Jetty passes it through undecoded, URLDecoder refuses it.
        throw ApiError.badRequest("malformed path or query", "path",
            "segment '" + segment + "': " + e.getMessage());
      }
      // A segment's path parameters (";x") do not hide a dot segment: Tomcat-style upstreams
      // resolve "..;x" as "..", outside the base path.
      int params = decoded.indexOf(';');
      String name = params < 0 ? decoded : decoded.substring(0, params);
      if (name.equals("..") || name.equals(".") || decoded.contains("/")
          || decoded.contains("\\")) {
        throw ApiError.badRequest("path must stay below the upstream", "path",
            "segment '" + segment + "' is not allowed");
      }
    }
    try {
      URI uri = new URI(base.getScheme() + "://" + base.getRawAuthority() + basePath + "/"
          + rawPath + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
      if (!uri.getHost().equals(base.getHost()) || uri.getPort() != base.getPort()) {
        throw ApiError.badRequest("path must stay below the upstream", "path", rawPath);
      }
      return uri;
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw ApiError.badRequest("malformed path or query", "path", e.getMessage());
    }
  }

  /**
   * Sends one request to {@code target} with {@code headers} (already filtered for forwarding)
   * and {@code body} (null for none); completes with the whole answer, whatever its status, or
   * fails with {@link UpstreamException} when there is none (unreachable, timed out, garbage,
   * a body over the limit).
   */
  CompletableFuture<UpstreamReply> send(String method, URI target, Headers headers, byte[] body) {
    calls.increment();
    HttpRequest request;
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout)
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      for (int i = 0; i < headers.size(); i++) {
        b.header(headers.name(i), headers.value(i));
      }
      request = b.build();
    } catch (IllegalArgumentException e) {
      // The JDK client refuses some names and values that Jetty accepted.
      return CompletableFuture.failedFuture(ApiError.badRequest(
          "request header cannot be forwarded", "headers", e.getMessage()));
    }
    long requestMillis = ticker.epochMillis();
    return client.sendAsync(request, LimitedBody.handler(maxResponseBytes))
        .handle((response, error) -> {
          if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            if (cause instanceof UpstreamException u) {
              health.failed(u.isTimeout() ? UpstreamHealth.Failure.TIMEOUT
                  : UpstreamHealth.Failure.UNREACHABLE, u.getMessage());
              throw u;
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
              health.failed(UpstreamHealth.Failure.TIMEOUT, cause.toString());
              throw UpstreamException.timedOut("upstream did not answer within " + timeout);
            }
            health.failed(UpstreamHealth.Failure.UNREACHABLE, cause.toString());
            throw UpstreamException.unreachable("upstream unreachable: " + cause);
          }
          answered(response.statusCode());
          return new UpstreamReply(response.statusCode(), Headers.of(response.headers()),
              response.body(),
              requestMillis, ticker.epochMillis());
        });
  }

  private void answered(int status) {
    if (status >= 500) {
      health.failed(UpstreamHealth.Failure.SERVER_ERROR, "status " + status);
    } else {
      health.succeeded();
    }
  }

  /** Whether the latest call to the upstream failed (no answer, or a 5xx). */
  boolean failing() {
    return health.failing();
  }

  /**
   * Sends one request whose body streams from {@code body} ({@code length} bytes, or -1 for
   * unknown: chunked) and returns as soon as the answer's head arrives, its body still to be read
   * from the stream: for methods the proxy passes through, whose bodies are not held whole.
   *
   * @throws UpstreamException when there is no answer (unreachable, timed out, garbage)
   * @throws ApiError when a header cannot be forwarded, or the client's body is over the limit
   */
  HttpResponse<java.io.InputStream> stream(String method, URI target, Headers headers,
      java.io.InputStream body, long length) throws InterruptedException {
    calls.increment();
    HttpRequest request;
    try {
      HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
          : length >= 0
              ? HttpRequest.BodyPublishers.fromPublisher(
                  HttpRequest.BodyPublishers.ofInputStream(() -> body), length)
              : HttpRequest.BodyPublishers.ofInputStream(() -> body);
      HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout)
          .method(method, publisher);
      for (int i = 0; i < headers.size(); i++) {
        b.header(headers.name(i), headers.value(i));
      }
      request = b.build();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("request header cannot be forwarded", "headers", e.getMessage());
    }
    try {
      HttpResponse<java.io.InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      answered(response.statusCode());
      return response;
    } catch (java.net.http.HttpTimeoutException e) {
      health.failed(UpstreamHealth.Failure.TIMEOUT, e.toString());
      throw UpstreamException.timedOut("upstream did not answer within " + timeout);
    } catch (java.io.IOException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof ApiError api) {
          throw api; // the client's body went over the limit while it streamed
        }
      }
      health.failed(UpstreamHealth.Failure.UNREACHABLE, e.toString());
      throw UpstreamException.unreachable("upstream unreachable: " + e);
    }
  }
}
