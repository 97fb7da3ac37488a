package dev.oddscache.server.http;

/**
 * A load that produced no reusable answer: the upstream could not be reached ({@link
 * #unreachable}), did not answer in time ({@link #timedOut}), answered garbage, or answered a
 * server error without explicit freshness ({@link #reply()} holds it). The cache then serves a
 * stored answer under stale-if-error, or the proxy relays the upstream's own error response, or
 * answers 502/504 itself.
 */
public final class UpstreamException extends RuntimeException {
  private final UpstreamReply reply;
  private final boolean timedOut;

  private UpstreamException(String message, UpstreamReply reply, boolean timedOut) {
    super(message, null, false, false);
    this.reply = reply;
    this.timedOut = timedOut;
  }

  static UpstreamException unreachable(String message) {
    return new UpstreamException(message, null, false);
  }

  static UpstreamException timedOut(String message) {
    return new UpstreamException(message, null, true);
  }

  static UpstreamException serverError(UpstreamReply reply) {
    return new UpstreamException("upstream answered " + reply.status(), reply, false);
  }

  /** The upstream's error response, relayed as it came; null when there was none. */
  public UpstreamReply reply() {
    return reply;
  }

  /** The upstream status, or 0 when it could not be reached. */
  public int status() {
    return reply == null ? 0 : reply.status();
  }

  public boolean isTimeout() {
    return timedOut;
  }
}
