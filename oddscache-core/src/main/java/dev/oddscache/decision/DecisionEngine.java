package dev.oddscache.decision;

import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.quota.PanicQuota;
import dev.oddscache.quota.PanicState;
import dev.oddscache.quota.QuotaDecision;
import dev.oddscache.quota.Stakes;
import dev.oddscache.zone.Zone;
import dev.oddscache.zone.ZonePolicy;
import java.util.Objects;

/**
 * The pure TTL decision: a function of its inputs only, with no clock and no state. Immutable and
 * thread-safe; {@link Decider} feeds it live state, {@code explain} feeds it hypothetical state.
 */
public final class DecisionEngine {
  private static final DecisionEngine DEFAULTS = new DecisionEngine(
      ZonePolicy.ofDefaults(), BreakerFloors.ofDefaults(), PanicQuota.ofDefaults());

  private final ZonePolicy zones;
  private final BreakerFloors floors;
  private final PanicQuota quota;

  /**
   * Every decision for a calm request (NORMAL or WARNING) with the zone's base TTL, by zone,
   * status, breaker mode and stakes: such a decision depends on nothing else, and it is what
   * nearly every request gets, so the hot path looks it up instead of allocating it.
   */
  private final Decision[][][][] calm;

  public DecisionEngine(ZonePolicy zones, BreakerFloors floors, PanicQuota quota) {
    this.zones = Objects.requireNonNull(zones, "zones");
    this.floors = Objects.requireNonNull(floors, "floors");
    this.quota = Objects.requireNonNull(quota, "quota");
    Zone[] zoneValues = Zone.values();
    BreakerMode[] modes = BreakerMode.values();
    Stakes[] stakesValues = Stakes.values();
    this.calm =
        new Decision[zoneValues.length][Status.PANIC.ordinal()][modes.length][stakesValues.length];
    for (Zone zone : zoneValues) {
      for (Status status : Status.values()) {
        if (status == Status.PANIC) {
          continue;
        }
        for (BreakerMode mode : modes) {
          for (Stakes stakes : stakesValues) {
            calm[zone.ordinal()][status.ordinal()][mode.ordinal()][stakes.ordinal()] = decide(
                zone, zones.baseTtlSeconds(zone), false, status, mode, PanicState.NONE, stakes);
          }
        }
      }
    }
  }

  public static DecisionEngine ofDefaults() {
    return DEFAULTS;
  }

  public ZonePolicy zones() {
    return zones;
  }

  /**
   * Decides with the zone's base TTL.
   *
   * @param panic how long the match has been panicking; only consulted for a PANIC request
   */
  public Decision decide(Zone zone, Status status, BreakerMode mode, PanicState panic,
      Stakes stakes) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(panic, "panic");
    Objects.requireNonNull(stakes, "stakes");
    if (status != Status.PANIC) {
      // A calm request ignores the panic state (see below): the precomputed decision is exact.
      return calm[zone.ordinal()][status.ordinal()][mode.ordinal()][stakes.ordinal()];
    }
    return decide(zone, zones.baseTtlSeconds(zone), false, status, mode, panic, stakes);
  }

  /**
   * Decides with an explicit base TTL, which overrides the zone's (the zone is still reported).
   *
   * @throws IllegalArgumentException if {@code baseTtlSeconds} is negative
   */
  public Decision decide(Zone zone, long baseTtlSeconds, Status status, BreakerMode mode,
      PanicState panic, Stakes stakes) {
    return decide(zone, baseTtlSeconds, true, status, mode, panic, stakes);
  }

  private Decision decide(
      Zone zone,
      long baseTtlSeconds,
      boolean explicit,
      Status status,
      BreakerMode mode,
      PanicState panic,
      Stakes stakes) {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(panic, "panic");
    Objects.requireNonNull(stakes, "stakes");
    if (baseTtlSeconds < 0) {
      throw new IllegalArgumentException("baseTtlSeconds must be >= 0, got " + baseTtlSeconds);
    }
    boolean panicking = status == Status.PANIC;
    // A PANIC request whose start is unknown is a panic that has just begun (the fail-safe
    // reading: tier 1, never "no panic" and its base TTL), and a calm request has no panic
    // whatever the clock says.
    PanicState effectivePanic =
        panicking ? (panic.panicking() ? panic : PanicState.lastingMillis(0)) : PanicState.NONE;
    QuotaDecision q = quota.decide(baseTtlSeconds, effectivePanic, stakes);
    long floor = floors.floorSeconds(mode, status);
    long freshness = panicking ? 0 : baseTtlSeconds;
    // The quota's own answer without a panic is the base TTL (a pure quota function knows no
    // status), but the decision's quota term is what enters the max: nothing unless PANIC.
    long quotaTerm = panicking ? q.ttlSeconds() : 0;
    long ttl = Math.max(Math.max(freshness, floor), quotaTerm);
    return new Decision(ttl, zone, baseTtlSeconds, explicit, status, mode, floor, q.panicMode(),
        q.tier(), stakes, q.panicDurationMinutes(), quotaTerm, q.alert(), null);
  }
}
