package dev.oddscache.server.config;

import dev.oddscache.server.settings.ImplicitFreshness;
import dev.oddscache.server.settings.ServerSettings;

/**
 * {@code proxy:} how the caching proxy treats its upstream's answers. {@code implicitFreshness:
 * zone} (default) stores an answer without {@code Cache-Control}/{@code Expires} freshness for the
 * decided TTL; {@code none} stores only answers that state their freshness.
 */
final class ProxySection {
  private static final Keys<ServerSettings.Builder> KEYS = Keys.<ServerSettings.Builder>of()
      .text("implicitFreshness", (b, v) -> b.proxy(p -> p.implicitFreshness(
          ImplicitFreshness.parse("implicitFreshness", v))));

  private ProxySection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    return KEYS.read(s, ServerSettings.from(base)).build();
  }
}
