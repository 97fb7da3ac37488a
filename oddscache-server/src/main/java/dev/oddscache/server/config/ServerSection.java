package dev.oddscache.server.config;

import dev.oddscache.internal.Durations;
import dev.oddscache.server.http.ServerSettings;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import java.net.URI;
import java.util.List;

/**
 * {@code server:} where the HTTP server listens, what it proxies and how much it accepts.
 * {@code upstream: null} means no upstream (the proxy answers 503).
 */
final class ServerSection {
  static final List<String> KEYS = List.of("bind", "port", "upstream", "upstreamTimeout",
      "maxBodyBytes", "maxKeyBytes", "maxStoreEntries", "headerTimeout", "idleTimeout",
      "maxConnections");

  private ServerSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    ServerSettings out = s.text("bind", base, ServerSettings::withBind);
    out = s.integer("port", out, ServerSettings::withPort);
    out = s.textOrNull("upstream", out,
        (st, v) -> st.withUpstream(v == null ? null : URI.create(v.trim())));
    // ServerSettings has no rules for the next three, so the file loader supplies the obvious
    // ones: a zero timeout or size would make every request fail.
    out = s.duration("upstreamTimeout", out,
        (st, v) -> st.withUpstreamTimeout(Durations.positive("upstreamTimeout", v)));
    out = s.longInteger("maxBodyBytes", out,
        (st, v) -> st.withMaxBodyBytes(atLeastOne("maxBodyBytes", v)));
    out = s.integer("maxKeyBytes", out,
        (st, v) -> st.withMaxKeyBytes((int) atLeastOne("maxKeyBytes", v)));
    out = s.duration("headerTimeout", out,
        (st, v) -> st.withConnections(st.connections().withHeaderTimeout(v)));
    out = s.duration("idleTimeout", out,
        (st, v) -> st.withConnections(st.connections().withIdleTimeout(v)));
    out = s.integer("maxConnections", out,
        (st, v) -> st.withConnections(st.connections().withMaxConnections(v)));
    // The bound becomes the in-memory store's maximumSize; its builder owns the rule.
    return s.longInteger("maxStoreEntries", out, (st, v) -> {
      InMemoryStoreConfig.custom().maximumSize(v);
      return st.withMaxStoreEntries(v);
    });
  }

  private static long atLeastOne(String field, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }
    return value;
  }
}
