package dev.oddscache.server.config;

import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.server.http.ServerSettings;
import java.util.List;
import java.util.Map;

/**
 * {@code breaker:} the panic circuit breaker, {@link BreakerConfig} (SPEC §5). {@code floors:} is
 * keyed by mode, then by status; only the cells present change, and a bare number means seconds.
 */
final class BreakerSection {
  static final List<String> KEYS = List.of("window", "minSamples", "enterHighVolatility",
      "exitHighVolatility", "openCircuit", "closeCircuit", "floors");

  private BreakerSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    BreakerConfig.Builder b = BreakerConfig.from(base.breaker());
    b = s.duration("window", b, BreakerConfig.Builder::window);
    b = s.integer("minSamples", b, BreakerConfig.Builder::minSamples);
    b = s.decimal("enterHighVolatility", b, BreakerConfig.Builder::enterHighVolatility);
    b = s.decimal("exitHighVolatility", b, BreakerConfig.Builder::exitHighVolatility);
    b = s.decimal("openCircuit", b, BreakerConfig.Builder::openCircuit);
    b = s.decimal("closeCircuit", b, BreakerConfig.Builder::closeCircuit);
    ConfigSection floors = s.child("floors").orElse(null);
    if (floors != null) {
      b.floors(floors(floors, base.breaker().floors()));
    }
    return base.withBreaker(s.build(b::build));
  }

  private static BreakerFloors floors(ConfigSection s, BreakerFloors base) {
    BreakerFloors.Builder b = BreakerFloors.from(base);
    for (Map.Entry<String, BreakerMode> m : s.enumKeys(BreakerMode.class).entrySet()) {
      ConfigSection row = s.child(m.getKey()).orElse(null);
      if (row == null) {
        continue;
      }
      BreakerMode mode = m.getValue();
      for (Map.Entry<String, Status> c : row.enumKeys(Status.class).entrySet()) {
        Status status = c.getValue();
        b = row.wholeSeconds(c.getKey(), b, (bb, v) -> bb.floor(mode, status, v));
      }
    }
    return b.build();
  }
}
