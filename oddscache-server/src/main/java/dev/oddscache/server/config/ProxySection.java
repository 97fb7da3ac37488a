package dev.oddscache.server.config;

import dev.oddscache.server.http.ImplicitFreshness;
import dev.oddscache.server.http.ServerSettings;
import java.util.List;

/**
 * {@code proxy:} how the caching proxy treats its upstream's answers. {@code implicitFreshness:
 * zone} (default) stores an answer without {@code Cache-Control}/{@code Expires} freshness for the
 * decided TTL; {@code none} stores only answers that state their freshness.
 */
final class ProxySection {
  static final List<String> KEYS = List.of("implicitFreshness");

  private ProxySection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    return s.text("implicitFreshness", base, (st, v) -> st.withImplicitFreshness(
        ImplicitFreshness.parse("implicitFreshness", v)));
  }
}
