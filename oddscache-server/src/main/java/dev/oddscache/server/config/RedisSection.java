package dev.oddscache.server.config;

import dev.oddscache.redis.RedisSettings;
import dev.oddscache.server.http.ServerSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code redis:} the shared store (SPEC §12). {@code uri: null} keeps the in-memory store. The URI
 * may carry a password; error messages mask it. {@code tlsCaCert} is the PEM file of a private CA
 * for {@code rediss} URIs ({@code null}: the JVM's trust store); that it goes with a TLS URI is
 * checked when the server starts, since the URI may still come from {@code --redis}.
 */
final class RedisSection {
  static final List<String> KEYS =
      List.of("uri", "prefix", "commandTimeout", "tlsCaCert", "nearCache", "lease");

  // The prefix and timeout rules live in the RedisSettings builder, which needs some URI; a file
  // may set them while the URI comes later from --redis, so they are checked against this one.
  private static final String ANY_URI = "redis://localhost:6379";
  private static final String ANY_TLS_URI = "rediss://localhost:6379";

  private RedisSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    ServerSettings out = s.textOrNull("uri", base, (st, v) -> {
      if (v != null) {
        RedisSettings.custom(v);
      }
      return st.withRedisUri(v);
    });
    out = s.text("prefix", out, (st, v) -> {
      RedisSettings.custom(ANY_URI).prefix(v);
      return st.withRedisPrefix(v);
    });
    out = s.duration("commandTimeout", out, (st, v) -> {
      RedisSettings.custom(ANY_URI).commandTimeout(v);
      return st.withRedisCommandTimeout(v);
    });
    out = s.textOrNull("tlsCaCert", out, (st, v) -> {
      if (v == null) {
        return st.withRedisTlsCaCert(null);
      }
      Path file = Path.of(v);
      RedisSettings.custom(ANY_TLS_URI).tlsCaCertificate(file);
      return st.withRedisTlsCaCert(file);
    });
    out = s.bool("nearCache", out, ServerSettings::withNearCache);
    return s.bool("lease", out, ServerSettings::withLease);
  }
}
