package dev.oddscache.server.config;

import dev.oddscache.server.settings.ServerSettings;
import java.net.URI;

/**
 * {@code server:} where the HTTP server listens, what it proxies and how much it accepts.
 * {@code upstream: null} means no upstream (the proxy answers 503). Every value is checked by the
 * settings' builders: a port in [0, 65535], an absolute http(s) upstream, positive timeouts,
 * body and key sizes of at least one (a zero size would make every request fail) and a store
 * bound that is not negative.
 */
final class ServerSection {
  private static final Keys<ServerSettings.Builder> KEYS = Keys.<ServerSettings.Builder>of()
      .text("bind", (b, v) -> b.network(n -> n.bind(v)))
      .integer("port", (b, v) -> b.network(n -> n.port(v)))
      .textOrNull("upstream",
          (b, v) -> b.proxy(p -> p.upstream(v == null ? null : URI.create(v.trim()))))
      .duration("upstreamTimeout", (b, v) -> b.proxy(p -> p.upstreamTimeout(v)))
      .longInteger("maxBodyBytes", (b, v) -> b.network(n -> n.maxBodyBytes(v)))
      .integer("maxKeyBytes", (b, v) -> b.proxy(p -> p.maxKeyBytes(v)))
      .longInteger("maxStoreEntries", (b, v) -> b.store(st -> st.maxEntries(v)))
      .duration("headerTimeout", (b, v) -> b.network(n -> n.headerTimeout(v)))
      .duration("idleTimeout", (b, v) -> b.network(n -> n.idleTimeout(v)))
      .integer("maxConnections", (b, v) -> b.network(n -> n.maxConnections(v)));

  private ServerSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    return KEYS.read(s, ServerSettings.from(base)).build();
  }
}
