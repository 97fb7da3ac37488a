package dev.oddscache.server.settings;

import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.feed.FeedConfig;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the server keeps its state: in memory, up to {@code maxEntries}, unless a Redis URI is
 * set. Immutable; build with {@link #custom()}.
 *
 * <p>The Redis values are kept as given: the URI may still come from {@code --redis} after a
 * config file set the prefix, and a TLS file only makes sense with a TLS URI, so every Redis rule
 * is checked together by {@link #redisSettings()}.
 *
 * @param maxEntries the bound of the in-memory store, and of the near cache in front of Redis
 * @param redisUri the Redis to share state through; null for the in-memory store
 * @param redisPrefix the prefix of every Redis key
 * @param redisCommandTimeout how long one Redis command may take before the fallback answers
 * @param redisTlsCaCert the PEM file of the private CA that TLS Redis connections trust; null for
 *     the JVM's trust store
 * @param redisTlsClientCert the PEM file of the client certificate (and its chain) that TLS Redis
 *     connections present (mutual TLS); null for none
 * @param redisTlsClientKey the PEM file of that certificate's private key; null for none
 * @param nearCache whether an in-memory copy sits in front of the Redis store
 * @param lease whether loads take the cluster-wide load lease in Redis
 * @param feed how the fleet shares its ticks through a Redis Stream, with a Redis URI
 */
public record StoreSettings(long maxEntries, String redisUri, String redisPrefix,
    Duration redisCommandTimeout, Path redisTlsCaCert, Path redisTlsClientCert,
    Path redisTlsClientKey, boolean nearCache, boolean lease, FeedConfig feed) {
  public static final long DEFAULT_MAX_ENTRIES = 100_000;

  private static final StoreSettings DEFAULTS = new StoreSettings(DEFAULT_MAX_ENTRIES, null,
      RedisSettings.DEFAULT_PREFIX, RedisSettings.DEFAULT_COMMAND_TIMEOUT, null, null, null, false,
      false, FeedConfig.ofDefaults());

  public StoreSettings {
    checkMaxEntries(maxEntries);
    Objects.requireNonNull(redisPrefix, "redisPrefix");
    Objects.requireNonNull(redisCommandTimeout, "redisCommandTimeout");
    Objects.requireNonNull(feed, "feed");
  }

  /** In memory, 100,000 entries; the Redis library's prefix and command timeout. */
  public static StoreSettings ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return from(DEFAULTS);
  }

  public static Builder from(StoreSettings base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** Whether state lives in Redis rather than in this process. */
  public boolean usesRedis() {
    return redisUri != null;
  }

  /**
   * The Redis connection settings, for a server with a {@link #redisUri()}: every Redis rule is
   * checked here (URI, prefix, timeout, the CA and client certificate files and that they go
   * with a TLS URI).
   *
   * @throws IllegalStateException if there is no Redis URI
   * @throws IllegalArgumentException naming the setting and value that Redis refuses
   */
  public RedisSettings redisSettings() {
    if (redisUri == null) {
      throw new IllegalStateException("no Redis URI: the in-memory store is in use");
    }
    RedisSettings.Builder b = RedisSettings.custom().uri(redisUri).prefix(redisPrefix)
        .commandTimeout(redisCommandTimeout);
    if (redisTlsCaCert != null) {
      b.tlsCaCertificate(redisTlsCaCert);
    }
    if (redisTlsClientCert != null || redisTlsClientKey != null) {
      b.tlsClientCertificate(redisTlsClientCert, redisTlsClientKey);
    }
    return b.build();
  }

  // The in-memory store's builder owns the rule for its bound.
  private static long checkMaxEntries(long value) {
    InMemoryStoreConfig.custom().maximumSize(value);
    return value;
  }

  /** Not thread-safe. */
  public static final class Builder {
    private long maxEntries;
    private String redisUri;
    private String redisPrefix;
    private Duration redisCommandTimeout;
    private Path redisTlsCaCert;
    private Path redisTlsClientCert;
    private Path redisTlsClientKey;
    private boolean nearCache;
    private boolean lease;
    private FeedConfig feed;

    private Builder(StoreSettings base) {
      maxEntries = base.maxEntries;
      redisUri = base.redisUri;
      redisPrefix = base.redisPrefix;
      redisCommandTimeout = base.redisCommandTimeout;
      redisTlsCaCert = base.redisTlsCaCert;
      redisTlsClientCert = base.redisTlsClientCert;
      redisTlsClientKey = base.redisTlsClientKey;
      nearCache = base.nearCache;
      lease = base.lease;
      feed = base.feed;
    }

    public Builder maxEntries(long value) {
      maxEntries = checkMaxEntries(value);
      return this;
    }

    /** The Redis URI, or null for the in-memory store. */
    public Builder redisUri(String value) {
      redisUri = value;
      return this;
    }

    public Builder redisPrefix(String value) {
      redisPrefix = Objects.requireNonNull(value, "redisPrefix");
      return this;
    }

    public Builder redisCommandTimeout(Duration value) {
      redisCommandTimeout = Objects.requireNonNull(value, "redisCommandTimeout");
      return this;
    }

    /** The private CA's PEM file, or null for the JVM's trust store. */
    public Builder redisTlsCaCert(Path value) {
      redisTlsCaCert = value;
      return this;
    }

    /**
     * The client certificate's and its key's PEM files, or both null for none. Set together: one
     * without the other is refused by {@link StoreSettings#redisSettings()}.
     */
    public Builder redisTlsClientCertificate(Path certificate, Path key) {
      redisTlsClientCert = certificate;
      redisTlsClientKey = key;
      return this;
    }

    public Builder nearCache(boolean value) {
      nearCache = value;
      return this;
    }

    public Builder lease(boolean value) {
      lease = value;
      return this;
    }

    public Builder feed(FeedConfig value) {
      feed = Objects.requireNonNull(value, "feed");
      return this;
    }

    public StoreSettings build() {
      return new StoreSettings(maxEntries, redisUri, redisPrefix, redisCommandTimeout,
          redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache, lease, feed);
    }
  }
}
