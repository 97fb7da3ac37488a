package dev.oddscache.server.config;

import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.feed.FeedConfig;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.settings.StoreSettings;
import java.nio.file.Path;

/**
 * {@code redis:} the shared store: values, the panic clock and the breaker window live in Redis,
 * shared by every server on it. {@code uri: null} keeps the in-memory store. The URI may carry a
 * password; error messages mask it. {@code tlsCaCert} is the PEM file of a private CA for {@code
 * rediss} URIs ({@code null}: the JVM's trust store); {@code tlsClientCert} and {@code
 * tlsClientKey}, set together, the client certificate for mutual TLS. That they go with a TLS URI
 * is checked when the server starts, since the URI may still come from {@code --redis}. Under
 * {@code feed:}, the fleet's shared tick stream; only the keys present change.
 */
final class RedisSection {
  private static final String CLIENT_CERT = "tlsClientCert";
  private static final String CLIENT_KEY = "tlsClientKey";

  // Each rule lives in the RedisSettings builder and is checked on its own here: a file may set
  // the prefix or a certificate while the URI comes later from --redis.
  private static final Keys<StoreSettings.Builder> KEYS = Keys.<StoreSettings.Builder>of()
      .textOrNull("uri", (b, v) -> {
        if (v != null) {
          RedisSettings.custom().uri(v);
        }
        return b.redisUri(v);
      })
      .text("prefix", (b, v) -> {
        RedisSettings.custom().prefix(v);
        return b.redisPrefix(v);
      })
      .duration("commandTimeout", (b, v) -> {
        RedisSettings.custom().commandTimeout(v);
        return b.redisCommandTimeout(v);
      })
      .textOrNull("tlsCaCert", (b, v) -> {
        if (v == null) {
          return b.redisTlsCaCert(null);
        }
        Path file = Path.of(v);
        RedisSettings.custom().tlsCaCertificate(file);
        return b.redisTlsCaCert(file);
      })
      .custom(CLIENT_CERT, RedisSection::clientCertificate)
      .readWith(CLIENT_KEY, CLIENT_CERT)
      .bool("nearCache", StoreSettings.Builder::nearCache)
      .bool("lease", StoreSettings.Builder::lease)
      .mapping("feed", RedisSection::feed);

  private static final Keys<FeedConfig.Builder> FEED_KEYS = Keys.<FeedConfig.Builder>of()
      .bool("enabled", FeedConfig.Builder::enabled)
      .longInteger("maxLength", FeedConfig.Builder::maxLength)
      .duration("replayWindow", FeedConfig.Builder::replayWindow)
      .integer("maxBacklog", FeedConfig.Builder::maxBacklog)
      .duration("applyWait", FeedConfig.Builder::applyWait);

  private RedisSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    return ServerSettings.from(base).store(b -> KEYS.read(s, b)).build();
  }

  private static StoreSettings.Builder feed(ConfigSection s, StoreSettings.Builder b) {
    FeedConfig.Builder feed = FEED_KEYS.read(s, FeedConfig.from(b.build().feed()));
    return b.feed(s.build(feed::build));
  }

  /**
   * Both keys or neither: a certificate cannot be presented without its key, and taking one from
   * the file and keeping the other from elsewhere would pair files nobody paired.
   */
  private static StoreSettings.Builder clientCertificate(ConfigSection s,
      StoreSettings.Builder b) {
    boolean hasCert = s.raw(CLIENT_CERT) != null;
    boolean hasKey = s.raw(CLIENT_KEY) != null;
    if (!hasCert && !hasKey) {
      return b;
    }
    Path cert = s.textOrNull(CLIENT_CERT, null, (none, v) -> v == null ? null : Path.of(v));
    Path key = s.textOrNull(CLIENT_KEY, null, (none, v) -> v == null ? null : Path.of(v));
    if (cert == null && key == null) {
      return b.redisTlsClientCertificate(null, null);
    }
    if (cert == null || key == null) {
      String given = cert == null ? CLIENT_KEY : CLIENT_CERT;
      throw s.error(given, "needs " + s.pathOf(cert == null ? CLIENT_CERT : CLIENT_KEY)
          + " too: the client certificate and its private key are set together (or both null)");
    }
    try {
      RedisSettings.custom().tlsClientCertificate(cert, key);
    } catch (IllegalArgumentException e) {
      // The library names the file it refuses; the error goes to that file's key.
      boolean keyRefused = e.getMessage().startsWith("tlsClientKey");
      throw s.error(keyRefused ? CLIENT_KEY : CLIENT_CERT, "not allowed: " + e.getMessage());
    }
    return b.redisTlsClientCertificate(cert, key);
  }
}
