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
  private final LongAdder calls = new LongAdder();
  /**
   * Targets already checked, by raw path and query: a proxied hit would otherwise decode every
   * segment and parse a URI it never uses. Only accepted, short targets are kept, and only so many:
   * at most 10,000 x 512 chars.
   */
  private final ConcurrentHashMap<String, URI> checked = new ConcurrentHashMap<>();

  Upstream(URI base, Duration timeout, Executor executor) {
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.base = base;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
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
      if (decoded.equals("..") || decoded.equals(".") || decoded.contains("/")
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

  /** GET or HEAD {@code target}; completes with the 200 response or an {@link UpstreamException}. */
  CompletableFuture<CachedResponse> fetch(String method, URI target) {
    calls.increment();
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(timeout)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .header("Accept", "*/*")
        .build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .handle((response, error) -> {
          if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            throw UpstreamException.unreachable("upstream unreachable: " + cause);
          }
          String contentType = response.headers().firstValue("Content-Type").orElse(null);
          if (response.statusCode() != 200) {
            throw new UpstreamException(response.statusCode(), response.body(), contentType,
                "upstream answered " + response.statusCode());
          }
          return new CachedResponse(response.body(), contentType);
        });
  }
}
