package dev.oddscache.server.config;

import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.server.settings.ServerSettings;
import java.util.Map;

/**
 * {@code breaker:} the panic circuit breaker, {@link BreakerConfig}: over a rolling {@code
 * window}, the share of PANIC requests moves its mode between NORMAL, HIGH_VOLATILITY and
 * CIRCUIT_OPEN at the four thresholds, and each mode sets TTL floors. {@code floors:} is keyed by
 * mode, then by status; only the cells present change, and a bare number means seconds.
 */
final class BreakerSection {
  private BreakerSection() {}

  /** The section's keys; {@code floors} changes cells of {@code baseFloors}, the others stay. */
  private static Keys<BreakerConfig.Builder> keys(BreakerFloors baseFloors) {
    return Keys.<BreakerConfig.Builder>of()
        .duration("window", BreakerConfig.Builder::window)
        .integer("minSamples", BreakerConfig.Builder::minSamples)
        .decimal("enterHighVolatility", BreakerConfig.Builder::enterHighVolatility)
        .decimal("exitHighVolatility", BreakerConfig.Builder::exitHighVolatility)
        .decimal("openCircuit", BreakerConfig.Builder::openCircuit)
        .decimal("closeCircuit", BreakerConfig.Builder::closeCircuit)
        .mapping("floors", (floors, b) -> b.floors(floors(floors, baseFloors)));
  }

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    BreakerConfig current = base.policy().breaker();
    BreakerConfig.Builder b = keys(current.floors()).read(s, BreakerConfig.from(current));
    BreakerConfig breaker = s.build(b::build);
    return ServerSettings.from(base).policy(p -> p.breaker(breaker)).build();
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
