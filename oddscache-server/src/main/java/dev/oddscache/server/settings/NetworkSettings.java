package dev.oddscache.server.settings;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the server listens and what it takes from a client: the address and port, the largest
 * request body and the limits on client connections. Immutable; build with {@link #custom()}.
 *
 * @param bind the address to listen on; one beyond loopback needs both tokens
 * @param port the port, 0 for a free one
 * @param maxBodyBytes the largest request body accepted; a larger one is answered 413
 * @param connections how long and how many client connections are kept
 */
public record NetworkSettings(String bind, int port, long maxBodyBytes,
    ConnectionLimits connections) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  private static final NetworkSettings DEFAULTS = new NetworkSettings(DEFAULT_BIND, DEFAULT_PORT,
      DEFAULT_MAX_BODY_BYTES, ConnectionLimits.ofDefaults());

  public NetworkSettings {
    Objects.requireNonNull(bind, "bind");
    checkPort(port);
    Limits.atLeastOne("maxBodyBytes", maxBodyBytes);
    Objects.requireNonNull(connections, "connections");
  }

  /** Loopback port 8080, 1 MiB bodies, {@link ConnectionLimits#ofDefaults()}. */
  public static NetworkSettings ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return from(DEFAULTS);
  }

  public static Builder from(NetworkSettings base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** Whether the bind address accepts connections from other machines. */
  public boolean bindsBeyondLoopback() {
    String b = bind.trim();
    return !(b.equals("127.0.0.1") || b.equals("localhost") || b.equals("::1")
        || b.equals("[::1]") || b.startsWith("127."));
  }

  private static int checkPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    return port;
  }

  /** Each setter rejects a bad value at once, naming it. Not thread-safe. */
  public static final class Builder {
    private String bind;
    private int port;
    private long maxBodyBytes;
    private ConnectionLimits connections;

    private Builder(NetworkSettings base) {
      bind = base.bind;
      port = base.port;
      maxBodyBytes = base.maxBodyBytes;
      connections = base.connections;
    }

    public Builder bind(String value) {
      bind = Objects.requireNonNull(value, "bind");
      return this;
    }

    public Builder port(int value) {
      port = checkPort(value);
      return this;
    }

    public Builder maxBodyBytes(long value) {
      maxBodyBytes = Limits.atLeastOne("maxBodyBytes", value);
      return this;
    }

    public Builder connections(ConnectionLimits value) {
      connections = Objects.requireNonNull(value, "connections");
      return this;
    }

    // Each limit is checked by ConnectionLimits itself, the others being valid already.
    public Builder headerTimeout(Duration value) {
      return connections(new ConnectionLimits(value, connections.idleTimeout(),
          connections.maxConnections()));
    }

    public Builder idleTimeout(Duration value) {
      return connections(new ConnectionLimits(connections.headerTimeout(), value,
          connections.maxConnections()));
    }

    public Builder maxConnections(int value) {
      return connections(new ConnectionLimits(connections.headerTimeout(),
          connections.idleTimeout(), value));
    }

    public NetworkSettings build() {
      return new NetworkSettings(bind, port, maxBodyBytes, connections);
    }
  }
}
