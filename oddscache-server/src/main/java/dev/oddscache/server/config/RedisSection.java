package dev.oddscache.server.config;

import dev.oddscache.redis.RedisSettings;
import dev.oddscache.server.http.ServerSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code redis:} the shared store. {@code uri: null} keeps the in-memory store. The URI
 * may carry a password; error messages mask it. {@code tlsCaCert} is the PEM file of a private CA
 * for {@code rediss} URIs ({@code null}: the JVM's trust store); {@code tlsClientCert} and
 * {@code tlsClientKey}, set together, the client certificate for mutual TLS. That they go with a
 * TLS URI is checked when the server starts, since the URI may still come from {@code --redis}.
 */
final class RedisSection {
  static final List<String> KEYS =
      List.of("uri", "prefix", "commandTimeout", "tlsCaCert", "tlsClientCert", "tlsClientKey",
          "nearCache", "lease");
  private static final String CLIENT_CERT = "tlsClientCert";
  private static final String CLIENT_KEY = "tlsClientKey";

  private RedisSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    // Each rule lives in the RedisSettings builder and is checked on its own here: a file may set
    // the prefix or a certificate while the URI comes later from --redis.
    ServerSettings out = s.textOrNull("uri", base, (st, v) -> {
      if (v != null) {
        RedisSettings.custom().uri(v);
      }
      return st.withRedisUri(v);
    });
    out = s.text("prefix", out, (st, v) -> {
      RedisSettings.custom().prefix(v);
      return st.withRedisPrefix(v);
    });
    out = s.duration("commandTimeout", out, (st, v) -> {
      RedisSettings.custom().commandTimeout(v);
      return st.withRedisCommandTimeout(v);
    });
    out = s.textOrNull("tlsCaCert", out, (st, v) -> {
      if (v == null) {
        return st.withRedisTlsCaCert(null);
      }
      Path file = Path.of(v);
      RedisSettings.custom().tlsCaCertificate(file);
      return st.withRedisTlsCaCert(file);
    });
    out = clientCertificate(s, out);
    out = s.bool("nearCache", out, ServerSettings::withNearCache);
    return s.bool("lease", out, ServerSettings::withLease);
  }

  /**
   * Both keys or neither: a certificate cannot be presented without its key, and taking one from
   * the file and keeping the other from elsewhere would pair files nobody paired.
   */
  private static ServerSettings clientCertificate(ConfigSection s, ServerSettings base) {
    boolean hasCert = s.raw(CLIENT_CERT) != null;
    boolean hasKey = s.raw(CLIENT_KEY) != null;
    if (!hasCert && !hasKey) {
      return base;
    }
    Path cert = s.textOrNull(CLIENT_CERT, null, (none, v) -> v == null ? null : Path.of(v));
    Path key = s.textOrNull(CLIENT_KEY, null, (none, v) -> v == null ? null : Path.of(v));
    if (cert == null && key == null) {
      return base.withRedisTlsClientCert(null, null);
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
    return base.withRedisTlsClientCert(cert, key);
  }
}
