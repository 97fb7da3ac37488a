package dev.oddscache.server.config;

import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.server.http.ServerSettings;
import java.util.List;

/** {@code panicClock:} the shared panic clock, {@link PanicClockConfig} (SPEC §7). */
final class PanicClockSection {
  static final List<String> KEYS = List.of("deadMansSwitch", "refreshInterval", "calmGrace");

  private PanicClockSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    PanicClockConfig.Builder b = PanicClockConfig.from(base.panicClock());
    b = s.duration("deadMansSwitch", b, PanicClockConfig.Builder::deadMansSwitch);
    b = s.duration("refreshInterval", b, PanicClockConfig.Builder::refreshInterval);
    b = s.duration("calmGrace", b, PanicClockConfig.Builder::calmGrace);
    return base.withPanicClock(s.build(b::build));
  }
}
