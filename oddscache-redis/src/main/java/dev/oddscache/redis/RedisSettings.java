package dev.oddscache.redis;

import dev.oddscache.internal.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach Redis and how long to wait for it. Immutable; build with {@link #custom()}, or
 * take {@link #ofDefaults()}: a Redis on {@value #DEFAULT_URI}.
 *
 * <p>URIs: {@code redis://host:port[/db]}, {@code rediss://…} (TLS), {@code
 * redis-sentinel://host:port[,host:port]/db#masterName}, and for Redis Cluster {@code
 * redis-cluster://host:port[,host:port…]} (or {@code rediss-cluster://…}); credentials as
 * {@code user:password@} before the hosts.
 *
 * <p>TLS ({@code rediss}, {@code rediss-sentinel}, {@code rediss-cluster}) trusts the JVM's
 * default trust store unless {@link Builder#tlsCaCertificate(Path)} names a private CA, and
 * presents a client certificate (mutual TLS) only if {@link Builder#tlsClientCertificate(Path,
 * Path)} names one.
 */
public final class RedisSettings {
  public static final String DEFAULT_URI = "redis://localhost:6379";
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(50);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RECONNECT_INTERVAL = Duration.ofSeconds(1);
  public static final String DEFAULT_PREFIX = "oddscache";
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  private static final RedisSettings DEFAULTS = custom().build();

  private final String uri;
  private final String prefix;
  private final Duration commandTimeout;
  private final Duration connectTimeout;
  private final Duration reconnectInterval;
  private final Path tlsCaCertificate;
  private final Path tlsClientCertificate;
  private final Path tlsClientKey;

  private RedisSettings(Builder b) {
    this.uri = b.uri;
    this.prefix = b.prefix;
    this.commandTimeout = b.commandTimeout;
    this.connectTimeout = b.connectTimeout;
    this.reconnectInterval = b.reconnectInterval;
    this.tlsCaCertificate = b.tlsCaCertificate;
    this.tlsClientCertificate = b.tlsClientCertificate;
    this.tlsClientKey = b.tlsClientKey;
  }

  /** Every setting at its default. */
  public static RedisSettings ofDefaults() {
    return DEFAULTS;
  }

  /** A builder with every setting at its default. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder with every setting of {@code base}; its files are not read again. */
  public static Builder from(RedisSettings base) {
    Objects.requireNonNull(base, "base");
    Builder b = new Builder().uri(base.uri);
    b.prefix = base.prefix;
    b.commandTimeout = base.commandTimeout;
    b.connectTimeout = base.connectTimeout;
    b.reconnectInterval = base.reconnectInterval;
    b.tlsCaCertificate = base.tlsCaCertificate;
    b.tlsClientCertificate = base.tlsClientCertificate;
    b.tlsClientKey = base.tlsClientKey;
    return b;
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

  /**
   * The PEM file of the CA certificates that TLS connections trust instead of the JVM's default
   * trust store; empty: the default trust store.
   */
  public Optional<Path> tlsCaCertificate() {
    return Optional.ofNullable(tlsCaCertificate);
  }

  /**
   * The PEM file of the certificate (and its chain) that TLS connections present to a server
   * that asks for one; empty: none is presented. Set together with {@link #tlsClientKey()}.
   */
  public Optional<Path> tlsClientCertificate() {
    return Optional.ofNullable(tlsClientCertificate);
  }

  /** The PEM file of the private key of {@link #tlsClientCertificate()}; empty with it. */
  public Optional<Path> tlsClientKey() {
    return Optional.ofNullable(tlsClientKey);
  }

  /** The URI with any password masked, for logs and status pages. */
  public String redactedUri() {
    return uri.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
  }

  @Override
  public String toString() {
    return "RedisSettings{uri=" + redactedUri() + ", prefix=" + prefix + ", commandTimeout="
        + commandTimeout
        + (tlsCaCertificate == null ? "" : ", tlsCaCertificate=" + tlsCaCertificate)
        + (tlsClientCertificate == null ? "" : ", tlsClientCertificate=" + tlsClientCertificate
            + ", tlsClientKey=" + tlsClientKey) + '}';
  }

  /** Not thread-safe. */
  public static final class Builder {
    private String uri = DEFAULT_URI;
    private boolean tls;
    private String prefix = DEFAULT_PREFIX;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration reconnectInterval = DEFAULT_RECONNECT_INTERVAL;
    private Path tlsCaCertificate;
    private Path tlsClientCertificate;
    private Path tlsClientKey;

    private Builder() {}

    /**
     * @throws IllegalArgumentException if {@code value} is not a supported Redis URI
     */
    public Builder uri(String value) {
      Objects.requireNonNull(value, "uri");
      this.tls = RedisEndpoint.parse(value).tls();
      this.uri = value;
      return this;
    }

    public Builder prefix(String value) {
      if (value == null || !PREFIX.matcher(value).matches()) {
        throw new IllegalArgumentException("prefix must be 1-64 characters of [A-Za-z0-9_.:-], got "
            + (value == null ? "null" : "'" + value + "'"));
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

    /**
     * Trusts the CA certificates in this PEM file (a private CA) for TLS, instead of the JVM's
     * default trust store, on every connection: the Sentinels and the master they name, every
     * Cluster node. Lettuce also checks that the server's certificate names the host of the URI.
     *
     * @throws IllegalArgumentException if the file is missing, unreadable or holds no PEM
     *     certificate
     */
    public Builder tlsCaCertificate(Path file) {
      this.tlsCaCertificate = TlsCaCertificate.check(file);
      return this;
    }

    /**
     * Presents this certificate, with the private key of {@code privateKey}, to servers that ask
     * for one: mutual TLS, which Redis demands by default ({@code tls-auth-clients yes}). On every
     * connection, as for {@link #tlsCaCertificate(Path)}. The key must be unencrypted PKCS#8
     * ({@code -----BEGIN PRIVATE KEY-----}), RSA, EC or DSA: what the JDK's TLS loads without
     * further libraries; a key password is not supported.
     *
     * @param certificateChain PEM: the client certificate first, then any intermediate CAs
     * @throws IllegalArgumentException naming the field and the path if a file is missing or
     *     unreadable, the certificate is no PEM certificate or not for client authentication
     *     (an extendedKeyUsage without clientAuth), the key is not unencrypted PKCS#8 (the message
     *     gives the openssl command that converts it), or the key is not the certificate's
     */
    public Builder tlsClientCertificate(Path certificateChain, Path privateKey) {
      TlsClientCertificate.check(certificateChain, privateKey);
      this.tlsClientCertificate = certificateChain;
      this.tlsClientKey = privateKey;
      return this;
    }

    /**
     * @throws IllegalArgumentException if a CA or client certificate is set for a URI without TLS,
     *     where it would be silently ignored
     */
    public RedisSettings build() {
      if (tlsCaCertificate != null && !tls) {
        throw withoutTls(TlsCaCertificate.FIELD + " is set ('" + tlsCaCertificate + "')");
      }
      if (tlsClientCertificate != null && !tls) {
        throw withoutTls(TlsClientCertificate.CERTIFICATE_FIELD + " is set ('"
            + tlsClientCertificate + "', " + TlsClientCertificate.KEY_FIELD + " '" + tlsClientKey
            + "')");
      }
      return new RedisSettings(this);
    }

    private IllegalArgumentException withoutTls(String what) {
      return new IllegalArgumentException(what + " but the uri '" + RedisEndpoint.redact(uri)
          + "' does not use TLS: use rediss://, rediss-sentinel:// or rediss-cluster://");
    }
  }
}
