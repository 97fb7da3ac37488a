package dev.oddscache.stats;

import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.decision.Decision;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.quota.PanicState;
import dev.oddscache.quota.Stakes;
import dev.oddscache.zone.Zone;
import java.time.Duration;

/** Real decisions from the default engine, for the situations the stats tests need. */
final class Decisions {
  private static final DecisionEngine ENGINE = DecisionEngine.ofDefaults();

  private Decisions() {}

  /** Calm: the zone's base TTL, no floor, no quota. */
  static Decision normal(Zone zone) {
    return ENGINE.decide(zone, Status.NORMAL, BreakerMode.NORMAL, PanicState.NONE, Stakes.MEDIUM);
  }

  static Decision warning(Zone zone) {
    return ENGINE.decide(zone, Status.WARNING, BreakerMode.NORMAL, PanicState.NONE, Stakes.MEDIUM);
  }

  /** A panic that has just begun, breaker NORMAL: effective TTL 0, so the request bypasses. */
  static Decision panicJustBegun(Zone zone) {
    return ENGINE.decide(
        zone, Status.PANIC, BreakerMode.NORMAL, PanicState.lastingMillis(0), Stakes.MEDIUM);
  }

  /** A panic lasting 35 minutes: the quota raises the TTL above freshness 0 (adaptive TTL). */
  static Decision panicLasting35Minutes(Zone zone) {
    return ENGINE.decide(zone, Status.PANIC, BreakerMode.NORMAL,
        PanicState.lasting(Duration.ofMinutes(35)), Stakes.MEDIUM);
  }
}
