package dev.oddscache.server.http;

import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.internal.Durations;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.zone.ZoneConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link OddscacheServer} needs, assembled from defaults, the config file and the
 * command line (in that order of precedence, lowest first). Immutable.
 *
 * <p>{@code vixEvictIdleAfter} is how long a match keeps its volatility-detector state without an
 * accepted tick ({@link #DEFAULT_VIX_EVICT_IDLE_AFTER}); it must be positive and at least the
 * detector's hold.
 */
public record ServerSettings(
    String bind,
    int port,
    URI upstream,
    Duration upstreamTimeout,
    String redisUri,
    String redisPrefix,
    Duration redisCommandTimeout,
    Path redisTlsCaCert,
    Path redisTlsClientCert,
    Path redisTlsClientKey,
    boolean nearCache,
    boolean lease,
    String ingestToken,
    String adminToken,
    long maxBodyBytes,
    int maxKeyBytes,
    long maxStoreEntries,
    OddsCacheConfig cache,
    VixConfig vix,
    ZoneConfig zones,
    BreakerConfig breaker,
    QuotaConfig quota,
    StakesClassifier stakes,
    PanicClockConfig panicClock,
    ImpactRules impactRules,
    Duration vixEvictIdleAfter,
    ImplicitFreshness implicitFreshness,
    ConnectionLimits connections) {

  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(10);
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  public static final int DEFAULT_MAX_KEY_BYTES = 512;
  public static final long DEFAULT_MAX_STORE_ENTRIES = 100_000;
  /**
   * How long a match may go without an accepted odds tick before the volatility detector drops
   * its state. A football match lasts about two hours and its feed rarely pauses for more than
   * half-time, so six hours leaves every live match alone and still releases a finished match the
   * same day, instead of holding a season's worth of matches.
   */
  public static final Duration DEFAULT_VIX_EVICT_IDLE_AFTER = Duration.ofHours(6);

  public ServerSettings {
    Objects.requireNonNull(bind, "bind");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    if (upstream != null) {
      String scheme = upstream.getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme) || upstream.getHost() == null) {
        throw new IllegalArgumentException(
            "upstream must be an absolute http(s) URL, got '" + upstream + "'");
      }
      if (upstream.getRawQuery() != null || upstream.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "upstream must not have a query or fragment, got '" + upstream + "'");
      }
    }
    Objects.requireNonNull(vix, "vix");
    Objects.requireNonNull(implicitFreshness, "implicitFreshness");
    Objects.requireNonNull(connections, "connections");
    Durations.positive("evictIdleAfter", vixEvictIdleAfter);
    // Shorter than the hold would end a held PANIC early: its match, and the status with it,
    // would be dropped before the status decays.
    if (vixEvictIdleAfter.compareTo(vix.hold()) < 0) {
      throw new IllegalArgumentException("evictIdleAfter must be at least the vix hold ("
          + vix.hold() + "), got " + vixEvictIdleAfter);
    }
  }

  /** Defaults everywhere: loopback:8080, no upstream, in-memory store, no tokens. */
  public static ServerSettings defaults() {
    return new ServerSettings(DEFAULT_BIND, DEFAULT_PORT, null, DEFAULT_UPSTREAM_TIMEOUT, null,
        "oddscache", Duration.ofMillis(50), null, null, null, false, false, null, null,
        DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_STORE_ENTRIES,
        OddsCacheConfig.ofDefaults(), VixConfig.ofDefaults(), ZoneConfig.ofDefaults(),
        BreakerConfig.ofDefaults(), QuotaConfig.ofDefaults(), StakesClassifier.ofDefaults(),
        PanicClockConfig.ofDefaults(), ImpactRules.ofDefaults(), DEFAULT_VIX_EVICT_IDLE_AFTER,
        ImplicitFreshness.ZONE, ConnectionLimits.defaults());
  }

  public ServerSettings withBind(String value) {
    return new ServerSettings(value, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withPort(int value) {
    return new ServerSettings(bind, value, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withUpstream(URI value) {
    return new ServerSettings(bind, port, value, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withRedisUri(String value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, value, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withTokens(String ingest, String admin) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, blankToNull(ingest), blankToNull(admin), maxBodyBytes, maxKeyBytes, maxStoreEntries,
        cache, vix, zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withCache(OddsCacheConfig value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, value, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withBreaker(BreakerConfig value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, value, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withUpstreamTimeout(Duration value) {
    return new ServerSettings(bind, port, upstream, value, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withRedisPrefix(String value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, value,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withRedisCommandTimeout(Duration value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix, value,
        redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache, lease, ingestToken,
        adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix, zones, breaker, quota,
        stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  /** The PEM file of the private CA that TLS Redis connections trust; null: the JVM's. */
  public ServerSettings withRedisTlsCaCert(Path value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, value, redisTlsClientCert, redisTlsClientKey, nearCache, lease,
        ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix, zones,
        breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  /**
   * The PEM files of the client certificate (and its chain) and of its private key that TLS Redis
   * connections present (mutual TLS); both null: none. Set together: one without the other is
   * refused by {@link #redisSettings()}.
   */
  public ServerSettings withRedisTlsClientCert(Path certificate, Path key) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, certificate, key, nearCache, lease, ingestToken,
        adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix, zones, breaker, quota,
        stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
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
    RedisSettings.Builder b = RedisSettings.custom(redisUri).prefix(redisPrefix)
        .commandTimeout(redisCommandTimeout);
    if (redisTlsCaCert != null) {
      b.tlsCaCertificate(redisTlsCaCert);
    }
    if (redisTlsClientCert != null || redisTlsClientKey != null) {
      b.tlsClientCertificate(redisTlsClientCert, redisTlsClientKey);
    }
    return b.build();
  }

  public ServerSettings withNearCache(boolean value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, value, lease,
        ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix, zones,
        breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withLease(boolean value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        value, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withMaxBodyBytes(long value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, value, maxKeyBytes, maxStoreEntries, cache, vix, zones,
        breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withMaxKeyBytes(int value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, value, maxStoreEntries, cache, vix, zones,
        breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withMaxStoreEntries(long value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, value, cache, vix, zones,
        breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  /** The detector's settings and its idle horizon together, for a change that moves both. */
  public ServerSettings withVix(VixConfig value, Duration evictIdleAfter) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, value,
        zones, breaker, quota, stakes, panicClock, impactRules, evictIdleAfter, implicitFreshness,
        connections);
  }

  public ServerSettings withVixEvictIdleAfter(Duration value) {
    return withVix(vix, value);
  }

  public ServerSettings withVix(VixConfig value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, value,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withZones(ZoneConfig value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        value, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withQuota(QuotaConfig value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, value, stakes, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withStakes(StakesClassifier value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, value, panicClock, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withPanicClock(PanicClockConfig value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, value, impactRules, vixEvictIdleAfter, implicitFreshness, connections);
  }

  public ServerSettings withImpactRules(ImpactRules value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, value, vixEvictIdleAfter, implicitFreshness, connections);
  }

  /** What the proxy stores when the upstream states no freshness ({@link ImplicitFreshness}). */
  public ServerSettings withImplicitFreshness(ImplicitFreshness value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter, value,
        connections);
  }

  public ServerSettings withConnections(ConnectionLimits value) {
    return new ServerSettings(bind, port, upstream, upstreamTimeout, redisUri, redisPrefix,
        redisCommandTimeout, redisTlsCaCert, redisTlsClientCert, redisTlsClientKey, nearCache,
        lease, ingestToken, adminToken, maxBodyBytes, maxKeyBytes, maxStoreEntries, cache, vix,
        zones, breaker, quota, stakes, panicClock, impactRules, vixEvictIdleAfter,
        implicitFreshness, value);
  }

  /** Whether the bind address accepts connections from other machines. */
  public boolean bindsBeyondLoopback() {
    String b = bind.trim();
    return !(b.equals("127.0.0.1") || b.equals("localhost") || b.equals("::1")
        || b.equals("[::1]") || b.startsWith("127."));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
