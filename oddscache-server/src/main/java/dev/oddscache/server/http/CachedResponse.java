package dev.oddscache.server.http;

import dev.oddscache.cache.ValueRules;
import dev.oddscache.server.settings.ImplicitFreshness;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An upstream response as the proxy keeps it: status, end-to-end headers (never {@code
 * Set-Cookie}, hop-by-hop fields, {@code Age} or {@code Content-Length}), body, its age when it
 * arrived, and the request header values its {@code Vary} names. Its reuse rules are read once,
 * here. Immutable; the body array is never modified.
 */
public final class CachedResponse {
  /** Fields a {@code 304} never updates in the stored response (RFC 9111 §3.2). */
  private static final Set<String> NOT_UPDATED_BY_304 = Set.of("content-length",
      "content-encoding", "content-type", "content-range", "transfer-encoding");

  private final int status;
  private final Headers headers;
  private final byte[] body;
  private final long responseMillis;
  private final long initialAgeSeconds;
  private final List<String> varyNames;
  private final List<String> varyValues;
  private final ValueRules rules;
  /** The relayed lines, encoded on first use (a benign race: both encodings are equal). */
  private volatile org.eclipse.jetty.http.HttpField[] encoded;

  CachedResponse(int status, Headers headers, byte[] body, long responseMillis,
      long initialAgeSeconds, List<String> varyValues, boolean storable) {
    this.status = status;
    this.headers = Objects.requireNonNull(headers, "headers");
    this.body = Objects.requireNonNull(body, "body");
    this.responseMillis = responseMillis;
    this.initialAgeSeconds = initialAgeSeconds;
    this.varyNames = ResponseFreshness.varyNames(headers);
    this.varyValues = List.copyOf(varyValues.stream().map(v -> v == null ? "\0" : v).toList());
    Directives cc = Directives.ofResponse(headers);
    this.rules = ResponseFreshness.rules(cc,
        ResponseFreshness.lifetimeSeconds(headers, cc, responseMillis), initialAgeSeconds,
        storable);
  }

  /**
   * A response as it came from the upstream.
   *
   * @param received the end-to-end headers as received ({@code Age} included, hop-by-hop fields
   *     and {@code Set-Cookie} already removed)
   */
  static CachedResponse received(int status, Headers received, byte[] body, long requestMillis,
      long responseMillis, RequestHeaders request, ImplicitFreshness implicit) {
    long initialAge = ResponseFreshness.initialAgeSeconds(received, requestMillis, responseMillis);
    return stored(status, received.without(Set.of("age", "content-length")), body,
        responseMillis, initialAge, request, implicit);
  }

  /**
   * This response revalidated by a {@code 304}: the 304's headers replace the stored ones of the
   * same names (except the body's own), and its age starts again from the 304's.
   */
  CachedResponse refreshedBy(Headers notModified, long requestMillis, long responseMillis,
      RequestHeaders request, ImplicitFreshness implicit) {
    long initialAge =
        ResponseFreshness.initialAgeSeconds(notModified, requestMillis, responseMillis);
    Headers merged = headers.updatedBy(
        notModified.without(Set.of("age", "content-length")), NOT_UPDATED_BY_304);
    return stored(status, merged, body, responseMillis, initialAge, request, implicit);
  }

  /** {@code kept} with its storability under the shared-cache rules and its Vary values. */
  private static CachedResponse stored(int status, Headers kept, byte[] body, long responseMillis,
      long initialAge, RequestHeaders request, ImplicitFreshness implicit) {
    Directives cc = Directives.ofResponse(kept);
    boolean explicit = ResponseFreshness.lifetimeSeconds(kept, cc, responseMillis) >= 0;
    boolean storable = ResponseFreshness.storable(status, kept, cc,
        request.joined("Authorization") != null, implicit, explicit);
    return new CachedResponse(status, kept, body, responseMillis, initialAge,
        varyValuesOf(ResponseFreshness.varyNames(kept), request), storable);
  }

  private static List<String> varyValuesOf(List<String> names, RequestHeaders request) {
    return names.stream().map(n -> normalised(request.joined(n))).toList();
  }

  /** A header value as Vary compares it: list members trimmed, joined by a bare comma. */
  static String normalised(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(value.length());
    for (String part : value.split(",")) {
      if (out.length() > 0) {
        out.append(',');
      }
      appendCollapsed(out, part.trim());
    }
    return out.toString();
  }

  /** Appends {@code text} with each run of spaces or tabs as one space (no regex per hit). */
  private static void appendCollapsed(StringBuilder out, String text) {
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean blank = c == ' ' || c == '\t';
      if (blank && !space) {
        out.append(' ');
      } else if (!blank) {
        out.append(c);
      }
      space = blank;
    }
  }

  /**
   * Whether this response was selected by the same values of its Vary fields as {@code request}.
   */
  boolean matches(RequestHeaders request) {
    for (int i = 0; i < varyNames.size(); i++) {
      String v = normalised(request.joined(varyNames.get(i)));
      if (!varyValues.get(i).equals(v == null ? "\0" : v)) {
        return false;
      }
    }
    return true;
  }

  /** The lines a hit relays, encoded once. */
  org.eclipse.jetty.http.HttpField[] encodedHeaders() {
    org.eclipse.jetty.http.HttpField[] e = encoded;
    if (e == null) {
      e = EncodedFields.encode(headers, name -> !ReplyWriter.skipped(name));
      encoded = e;
    }
    return e;
  }

  public int status() {
    return status;
  }

  public Headers headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }

  public String contentType() {
    return headers.first("Content-Type");
  }

  long responseMillis() {
    return responseMillis;
  }

  long initialAgeSeconds() {
    return initialAgeSeconds;
  }

  /** The values of the Vary fields of the request it answered; a NUL for an absent field. */
  List<String> varyValues() {
    return varyValues;
  }

  ValueRules rules() {
    return rules;
  }

  boolean storable() {
    return rules.storable();
  }

  String etag() {
    return headers.first("ETag");
  }

  String lastModified() {
    return headers.first("Last-Modified");
  }

  boolean hasValidator() {
    return etag() != null || lastModified() != null;
  }

  /** A stored response read back from a store: its Vary values as they were recorded. */
  static CachedResponse restored(int status, Headers headers, byte[] body, long responseMillis,
      long initialAgeSeconds, List<String> varyValues) {
    return new CachedResponse(status, headers, body, responseMillis, initialAgeSeconds,
        varyValues.stream().map(v -> "\0".equals(v) ? null : v).toList(), true);
  }
}
