package dev.oddscache.decision;

import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.quota.PanicMode;
import dev.oddscache.quota.Stakes;
import dev.oddscache.zone.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How fresh one answer must be, and why. Immutable and thread-safe.
 *
 * <p>{@code ttlSeconds = max(freshness, breakerFloor, status == PANIC ? quotaTtl : 0)} where
 * freshness is 0 for a PANIC request and the base TTL otherwise. The human-readable {@link
 * #reasons()} are derived from the fields when asked for, so the hot path pays nothing for them.
 */
public final class Decision {
  private final long ttlSeconds;
  private final Zone zone;
  private final long baseTtlSeconds;
  private final boolean baseTtlExplicit;
  private final Status status;
  private final BreakerMode breakerMode;
  private final long breakerFloorSeconds;
  private final PanicMode panicMode;
  private final int tier;
  private final Stakes stakes;
  private final Double panicDurationMinutes;
  private final long quotaTtlSeconds;
  private final String alert;
  private final String freshnessReason;

  Decision(
      long ttlSeconds,
      Zone zone,
      long baseTtlSeconds,
      boolean baseTtlExplicit,
      Status status,
      BreakerMode breakerMode,
      long breakerFloorSeconds,
      PanicMode panicMode,
      int tier,
      Stakes stakes,
      Double panicDurationMinutes,
      long quotaTtlSeconds,
      String alert,
      String freshnessReason) {
    this.freshnessReason = freshnessReason;
    this.ttlSeconds = ttlSeconds;
    this.zone = Objects.requireNonNull(zone, "zone");
    this.baseTtlSeconds = baseTtlSeconds;
    this.baseTtlExplicit = baseTtlExplicit;
    this.status = Objects.requireNonNull(status, "status");
    this.breakerMode = Objects.requireNonNull(breakerMode, "breakerMode");
    this.breakerFloorSeconds = breakerFloorSeconds;
    this.panicMode = Objects.requireNonNull(panicMode, "panicMode");
    this.tier = tier;
    this.stakes = Objects.requireNonNull(stakes, "stakes");
    this.panicDurationMinutes = panicDurationMinutes;
    this.quotaTtlSeconds = quotaTtlSeconds;
    this.alert = alert;
  }

  /** The effective TTL: how old, in seconds, a value may be and still be served as fresh. */
  public long ttlSeconds() {
    return ttlSeconds;
  }

  public Zone zone() {
    return zone;
  }

  /** The zone's base TTL, or the caller's explicit one (see {@link #baseTtlExplicit()}). */
  public long baseTtlSeconds() {
    return baseTtlSeconds;
  }

  /** Whether the caller supplied the base TTL, overriding the zone's. */
  public boolean baseTtlExplicit() {
    return baseTtlExplicit;
  }

  /** The request's aggregated volatility status. */
  public Status status() {
    return status;
  }

  public BreakerMode breakerMode() {
    return breakerMode;
  }

  public long breakerFloorSeconds() {
    return breakerFloorSeconds;
  }

  /** 0 for a PANIC request, else the base TTL. */
  public long freshnessSeconds() {
    return status == Status.PANIC ? 0 : baseTtlSeconds;
  }

  public PanicMode panicMode() {
    return panicMode;
  }

  /** 0 when the match is not panicking, else the panic quota's tier, 1 to 4. */
  public int tier() {
    return tier;
  }

  public Stakes stakes() {
    return stakes;
  }

  /** How long the match's panic has lasted, rounded to 0.1 min; null when not panicking. */
  public Double panicDurationMinutes() {
    return panicDurationMinutes;
  }

  /**
   * The panic quota's term in the effective TTL: its tier's TTL for a PANIC request, 0 otherwise
   * (tier 0: the quota is not applied), as the reasons say.
   */
  public long quotaTtlSeconds() {
    return quotaTtlSeconds;
  }

  /** The quota's alert for tiers 3 and 4; null otherwise. */
  public String alert() {
    return alert;
  }

  /**
   * The protection floor: {@code max(breaker floor, PANIC ? quota TTL : 0)}, the age below which
   * a value is not reloaded while the backend is under pressure.
   */
  public long floorSeconds() {
    return Math.max(breakerFloorSeconds, quotaTtlSeconds);
  }

  /**
   * This decision with a last reason saying how price drift judged the value served (fresh
   * because its prices did not move, reloaded because they did, held by the floor); the TTL
   * fields are unchanged.
   */
  public Decision withFreshnessReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    return new Decision(ttlSeconds, zone, baseTtlSeconds, baseTtlExplicit, status, breakerMode,
        breakerFloorSeconds, panicMode, tier, stakes, panicDurationMinutes, quotaTtlSeconds,
        alert, reason);
  }

  /** The reason {@link #withFreshnessReason} added, or null. */
  public String freshnessReason() {
    return freshnessReason;
  }

  /** Why the TTL is what it is, one line per input that mattered, in evaluation order. */
  public List<String> reasons() {
    List<String> reasons = new ArrayList<>(6);
    if (baseTtlExplicit) {
      reasons.add("explicit base TTL " + baseTtlSeconds + "s overrides zone " + zone
          + " (zone TTL not used)");
    } else {
      reasons.add("zone " + zone + " base TTL " + baseTtlSeconds + "s");
    }
    if (status == Status.PANIC) {
      reasons.add("status PANIC: freshness 0s (bypass unless a floor or the quota applies)");
    } else {
      reasons.add("status " + status + " keeps the base TTL " + baseTtlSeconds + "s");
    }
    if (breakerFloorSeconds > 0) {
      reasons.add("breaker " + breakerMode + " floor " + breakerFloorSeconds + "s for " + status);
    } else {
      reasons.add("breaker " + breakerMode + ": no floor for " + status);
    }
    if (tier > 0) {
      reasons.add(String.format(Locale.ROOT,
          "panic for %.1f min, %s stakes: tier %d %s, quota TTL %ds",
          panicDurationMinutes, stakes, tier, panicMode, quotaTtlSeconds));
    } else {
      reasons.add("no panic (tier 0): quota not applied, quota TTL 0s (" + stakes + " stakes)");
    }
    if (alert != null) {
      reasons.add("alert: " + alert);
    }
    reasons.add("effective TTL " + ttlSeconds + "s = max(freshness " + freshnessSeconds()
        + "s, floor " + breakerFloorSeconds + "s, quota " + quotaTtlSeconds + "s)");
    if (freshnessReason != null) {
      reasons.add(freshnessReason);
    }
    return List.copyOf(reasons);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Decision d)) {
      return false;
    }
    return ttlSeconds == d.ttlSeconds
        && baseTtlSeconds == d.baseTtlSeconds
        && baseTtlExplicit == d.baseTtlExplicit
        && breakerFloorSeconds == d.breakerFloorSeconds
        && tier == d.tier
        && quotaTtlSeconds == d.quotaTtlSeconds
        && zone == d.zone
        && status == d.status
        && breakerMode == d.breakerMode
        && panicMode == d.panicMode
        && stakes == d.stakes
        && Objects.equals(panicDurationMinutes, d.panicDurationMinutes)
        && Objects.equals(alert, d.alert);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ttlSeconds, zone, baseTtlSeconds, status, breakerMode, panicMode, tier,
        stakes, panicDurationMinutes);
  }

  @Override
  public String toString() {
    return "Decision{ttl=" + ttlSeconds + "s, zone=" + zone + ", base=" + baseTtlSeconds
        + "s, status=" + status + ", breaker=" + breakerMode + ", floor=" + breakerFloorSeconds
        + "s, panicMode=" + panicMode + ", tier=" + tier + ", stakes=" + stakes
        + ", panicMinutes=" + panicDurationMinutes + ", quotaTtl=" + quotaTtlSeconds + "s"
        + (alert == null ? "" : ", alert=" + alert) + '}';
  }
}
