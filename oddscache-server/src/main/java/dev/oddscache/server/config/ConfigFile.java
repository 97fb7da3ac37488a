package dev.oddscache.server.config;

import dev.oddscache.server.http.ServerSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Reads a server config file (YAML {@code .yml}/{@code .yaml} or JSON {@code .json}) on top of
 * base settings. The schema, with every default, is in {@code docs/configuration.md}; {@code
 * examples/oddscache.yml} spells out every setting. Stateless and thread-safe.
 *
 * <p>Top-level sections: {@code server}, {@code proxy}, {@code redis}, {@code cache}, {@code vix}, {@code
 * zones}, {@code breaker}, {@code quota}, {@code stakes}, {@code panicClock}, {@code events}. A
 * setting absent from the file keeps the base value, so a file need only hold what it changes.
 *
 * <p>Values are checked by the same builders the library uses ({@code VixConfig}, {@code
 * BreakerConfig}…); this class only converts types and reports where a rejected value came from.
 * Durations are written as {@code 30s}, {@code 45m}, {@code 2h}, {@code 1h30m}, {@code 250ms} or
 * ISO-8601 {@code PT30M}; a bare number is accepted only where the unit is fixed to seconds (zone
 * TTLs, breaker floors, quota TTLs).
 *
 * <p>Tokens are never read from files: a file holding {@code ingestToken} or {@code adminToken}
 * is refused with a message pointing to {@code ODDSCACHE_INGEST_TOKEN} and {@code
 * ODDSCACHE_ADMIN_TOKEN}.
 */
public final class ConfigFile {
  private static final Map<String, BiFunction<ConfigSection, ServerSettings, ServerSettings>>
      SECTIONS = sections();

  private ConfigFile() {}

  /**
   * {@code base} with every setting present in {@code file} applied.
   *
   * @throws ConfigException if the file is missing, unreadable, not valid YAML or JSON (with line
   *     and column), or holds an unknown key, a value of the wrong type, a bad duration or a value
   *     a builder rejects; the message names the file, the dotted path and the value
   */
  public static ServerSettings load(Path file, ServerSettings base) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(base, "base");
    ConfigSection root = ConfigSection.root(file, ConfigReader.read(file));
    root.allow(List.copyOf(SECTIONS.keySet()));
    ServerSettings settings = base;
    for (Map.Entry<String, BiFunction<ConfigSection, ServerSettings, ServerSettings>> section :
        SECTIONS.entrySet()) {
      ConfigSection s = root.child(section.getKey()).orElse(null);
      if (s != null) {
        settings = section.getValue().apply(s, settings);
      }
    }
    return settings;
  }

  private static Map<String, BiFunction<ConfigSection, ServerSettings, ServerSettings>> sections() {
    Map<String, BiFunction<ConfigSection, ServerSettings, ServerSettings>> m =
        new LinkedHashMap<>();
    m.put("server", ServerSection::apply);
    m.put("proxy", ProxySection::apply);
    m.put("redis", RedisSection::apply);
    m.put("cache", CacheSection::apply);
    m.put("vix", VixSection::apply);
    m.put("zones", ZonesSection::apply);
    m.put("breaker", BreakerSection::apply);
    m.put("quota", QuotaSection::apply);
    m.put("stakes", StakesSection::apply);
    m.put("panicClock", PanicClockSection::apply);
    m.put("events", EventsSection::apply);
    return m;
  }
}
