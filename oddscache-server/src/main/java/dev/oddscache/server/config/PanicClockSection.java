package dev.oddscache.server.config;

import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.server.settings.ServerSettings;

/**
 * {@code panicClock:} the panic clock every server shares through Redis, {@link
 * PanicClockConfig}: a match's panic start expires after {@code deadMansSwitch} unless refreshed
 * (at most every {@code refreshInterval}), and ends after {@code calmGrace} without panic; each
 * process remembers at most {@code maxMatches} matches, and lists at most that many panicking.
 */
final class PanicClockSection {
  private static final Keys<PanicClockConfig.Builder> KEYS = Keys.<PanicClockConfig.Builder>of()
      .duration("deadMansSwitch", PanicClockConfig.Builder::deadMansSwitch)
      .duration("refreshInterval", PanicClockConfig.Builder::refreshInterval)
      .duration("calmGrace", PanicClockConfig.Builder::calmGrace)
      .integer("maxMatches", PanicClockConfig.Builder::maxMatches);

  private PanicClockSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    PanicClockConfig.Builder b = KEYS.read(s, PanicClockConfig.from(base.policy().panicClock()));
    PanicClockConfig clock = s.build(b::build);
    return ServerSettings.from(base).policy(p -> p.panicClock(clock)).build();
  }
}
