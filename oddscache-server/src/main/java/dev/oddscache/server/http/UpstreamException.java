package dev.oddscache.server.http;

/**
 * The upstream answered something other than 200 (not cached), or could not be reached. The
 * proxy relays a 4xx as it came and turns everything else into 502, unless a stale value may be
 * served instead.
 */
public final class UpstreamException extends RuntimeException {
  private final int status;
  private final byte[] body;
  private final String contentType;

  UpstreamException(int status, byte[] body, String contentType, String message) {
    super(message, null, false, false);
    this.status = status;
    this.body = body;
    this.contentType = contentType;
  }

  static UpstreamException unreachable(String message) {
    return new UpstreamException(0, new byte[0], null, message);
  }

  /** The upstream status, or 0 when it could not be reached. */
  public int status() {
    return status;
  }

  public byte[] body() {
    return body;
  }

  public String contentType() {
    return contentType;
  }

  /** A client error the upstream meant: relayed as is. */
  public boolean isClientError() {
    return status >= 400 && status < 500;
  }
}
