package dev.oddscache.server.settings;

import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.zone.ZoneConfig;
import java.util.Objects;

/**
 * The rules the cache decides and serves with, each the library's own validated config.
 * Immutable; build with {@link #custom()}.
 *
 * @param cache the read path: load bulkhead, stale serving, lease timings, metrics sampling
 * @param zones the kickoff zones' horizons and base TTLs
 * @param breaker the panic circuit breaker: its window, thresholds and TTL floors
 * @param quota the panic quota: how a long panic's TTL grows, per stakes
 * @param stakes the competition keywords that set a match's stakes
 * @param panicClock how the shared panic start of a match is kept and expires
 * @param impactRules which markets each match event invalidates
 */
public record PolicySettings(OddsCacheConfig cache, ZoneConfig zones, BreakerConfig breaker,
    QuotaConfig quota, StakesClassifier stakes, PanicClockConfig panicClock,
    ImpactRules impactRules) {
  private static final PolicySettings DEFAULTS = new PolicySettings(OddsCacheConfig.ofDefaults(),
      ZoneConfig.ofDefaults(), BreakerConfig.ofDefaults(), QuotaConfig.ofDefaults(),
      StakesClassifier.ofDefaults(), PanicClockConfig.ofDefaults(), ImpactRules.ofDefaults());

  public PolicySettings {
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(zones, "zones");
    Objects.requireNonNull(breaker, "breaker");
    Objects.requireNonNull(quota, "quota");
    Objects.requireNonNull(stakes, "stakes");
    Objects.requireNonNull(panicClock, "panicClock");
    Objects.requireNonNull(impactRules, "impactRules");
  }

  /** The library's defaults everywhere. */
  public static PolicySettings ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return from(DEFAULTS);
  }

  public static Builder from(PolicySettings base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** Each value is validated by its own builder; this one only refuses null. Not thread-safe. */
  public static final class Builder {
    private OddsCacheConfig cache;
    private ZoneConfig zones;
    private BreakerConfig breaker;
    private QuotaConfig quota;
    private StakesClassifier stakes;
    private PanicClockConfig panicClock;
    private ImpactRules impactRules;

    private Builder(PolicySettings base) {
      cache = base.cache;
      zones = base.zones;
      breaker = base.breaker;
      quota = base.quota;
      stakes = base.stakes;
      panicClock = base.panicClock;
      impactRules = base.impactRules;
    }

    public Builder cache(OddsCacheConfig value) {
      cache = Objects.requireNonNull(value, "cache");
      return this;
    }

    public Builder zones(ZoneConfig value) {
      zones = Objects.requireNonNull(value, "zones");
      return this;
    }

    public Builder breaker(BreakerConfig value) {
      breaker = Objects.requireNonNull(value, "breaker");
      return this;
    }

    public Builder quota(QuotaConfig value) {
      quota = Objects.requireNonNull(value, "quota");
      return this;
    }

    public Builder stakes(StakesClassifier value) {
      stakes = Objects.requireNonNull(value, "stakes");
      return this;
    }

    public Builder panicClock(PanicClockConfig value) {
      panicClock = Objects.requireNonNull(value, "panicClock");
      return this;
    }

    public Builder impactRules(ImpactRules value) {
      impactRules = Objects.requireNonNull(value, "impactRules");
      return this;
    }

    public PolicySettings build() {
      return new PolicySettings(cache, zones, breaker, quota, stakes, panicClock, impactRules);
    }
  }
}
