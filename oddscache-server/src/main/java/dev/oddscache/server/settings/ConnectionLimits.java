package dev.oddscache.server.settings;

import dev.oddscache.internal.Durations;
import java.time.Duration;

/**
 * How long and how many client connections the server keeps, so that slow or idle clients cannot
 * hold its file descriptors (a slowloris dripping headers a byte a second). Immutable.
 *
 * @param headerTimeout how long a client may take to send a request's line and headers, counted
 *     from the connection's opening or the end of its previous request; past it the connection is
 *     closed
 * @param idleTimeout how long a connection may stay silent (no byte either way) before it is
 *     closed
 * @param maxConnections connections open at once; past it new ones are answered {@code 503} and
 *     closed at once
 */
public record ConnectionLimits(Duration headerTimeout, Duration idleTimeout, int maxConnections) {
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
  /** Well below the usual 4,096 descriptors a service gets; each connection costs one. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;

  private static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_HEADER_TIMEOUT,
      DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS);

  public ConnectionLimits {
    Durations.positive("headerTimeout", headerTimeout);
    Durations.positive("idleTimeout", idleTimeout);
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be >= 1, got " + maxConnections);
    }
  }

  public static ConnectionLimits ofDefaults() {
    return DEFAULTS;
  }
}
