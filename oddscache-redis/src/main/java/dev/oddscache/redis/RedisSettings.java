package dev.oddscache.redis;

import dev.oddscache.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach Redis and how long to wait for it. Immutable; build with {@link #custom(String)}.
 *
 * <p>URIs: {@code redis://host:port[/db]}, {@code rediss://…} (TLS), {@code
 * redis-sentinel://host:port[,host:port]/db#masterName}, and for Redis Cluster {@code
 * redis-cluster://host:port[,host:port…]} (or {@code rediss-cluster://…}); credentials as
 * {@code user:password@} before the hosts.
 */
public final class RedisSettings {
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(50);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RECONNECT_INTERVAL = Duration.ofSeconds(1);
  public static final String DEFAULT_PREFIX = "oddscache";
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final String uri;
  private final String prefix;
  private final Duration commandTimeout;
  private final Duration connectTimeout;
  private final Duration reconnectInterval;

  private RedisSettings(Builder b) {
    this.uri = b.uri;
    this.prefix = b.prefix;
    this.commandTimeout = b.commandTimeout;
    this.connectTimeout = b.connectTimeout;
    this.reconnectInterval = b.reconnectInterval;
  }

  /**
   * @throws IllegalArgumentException if {@code uri} is not a supported Redis URI
   */
  public static Builder custom(String uri) {
    return new Builder(uri);
  }

  public static RedisSettings of(String uri) {
    return custom(uri).build();
  }

  public String uri() {
    return uri;
  }

  /** Every key oddscache writes starts with {@code prefix + ":"}. */
  public String prefix() {
    return prefix;
  }

  /** The longest any single Redis command may take before the fallback answers instead. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** How often to retry when the first connection could not be made. */
  public Duration reconnectInterval() {
    return reconnectInterval;
  }

  /** The URI with any password masked, for logs and status pages. */
  public String redactedUri() {
    return uri.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
  }

  @Override
  public String toString() {
    return "RedisSettings{uri=" + redactedUri() + ", prefix=" + prefix + ", commandTimeout="
        + commandTimeout + '}';
  }

  /** Not thread-safe. */
  public static final class Builder {
    private final String uri;
    private String prefix = DEFAULT_PREFIX;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration reconnectInterval = DEFAULT_RECONNECT_INTERVAL;

    private Builder(String uri) {
      Objects.requireNonNull(uri, "uri");
      RedisEndpoint.parse(uri);
      this.uri = uri;
    }

    public Builder prefix(String value) {
      if (value == null || !PREFIX.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "prefix must be 1-64 characters of [A-Za-z0-9_.:-], got " + (value == null ? "null" : "'" + value + "'"));
      }
      this.prefix = value;
      return this;
    }

    public Builder commandTimeout(Duration value) {
      this.commandTimeout = Durations.positive("commandTimeout", value);
      return this;
    }

    public Builder connectTimeout(Duration value) {
      this.connectTimeout = Durations.positive("connectTimeout", value);
      return this;
    }

    public Builder reconnectInterval(Duration value) {
      this.reconnectInterval = Durations.positive("reconnectInterval", value);
      return this;
    }

    public RedisSettings build() {
      return new RedisSettings(this);
    }
  }
}
