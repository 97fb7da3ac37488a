package dev.oddscache.server.http;

import java.util.Objects;

/** What the proxy caches: a 200 response's body and content type (SPEC §13). Immutable. */
public record CachedResponse(byte[] body, String contentType) {
  public CachedResponse {
    Objects.requireNonNull(body, "body");
    contentType = contentType == null ? "application/octet-stream" : contentType;
  }
}
