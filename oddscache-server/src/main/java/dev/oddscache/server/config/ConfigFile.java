package dev.oddscache.server.config;

import dev.oddscache.server.settings.ServerSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a server config file (YAML {@code .yml}/{@code .yaml} or JSON {@code .json}) on top of
 * base settings. The schema, with every default, is in {@code docs/configuration.md}; {@code
 * examples/oddscache.yml} spells out every setting. Stateless and thread-safe.
 *
 * <p>Top-level sections: {@code server}, {@code proxy}, {@code redis}, {@code cache}, {@code
 * vix}, {@code zones}, {@code breaker}, {@code quota}, {@code stakes}, {@code panicClock}, {@code
 * events}, {@code betfair}. A setting absent from the file keeps the base value, so a file need
 * only hold what it changes.
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
  private static final Keys<ServerSettings> SECTIONS = Keys.<ServerSettings>of()
      .mapping("server", ServerSection::apply)
      .mapping("proxy", ProxySection::apply)
      .mapping("redis", RedisSection::apply)
      .mapping("cache", CacheSection::apply)
      .mapping("vix", VixSection::apply)
      .mapping("zones", ZonesSection::apply)
      .mapping("breaker", BreakerSection::apply)
      .mapping("quota", QuotaSection::apply)
      .mapping("stakes", StakesSection::apply)
      .mapping("panicClock", PanicClockSection::apply)
      .mapping("events", EventsSection::apply)
      .mapping("betfair", BetfairSection::apply);

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
    return SECTIONS.read(ConfigSection.root(file, ConfigReader.read(file)), base);
  }
}
