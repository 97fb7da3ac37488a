package dev.oddscache.redis.panic;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.decision.Decider;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.quota.PanicQuota;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.vix.VixDetector;
import dev.oddscache.zone.ZonePolicy;
import java.time.Duration;

/**
 * A {@link Decider} on a {@link RedisPanicClock}, with tier bounds in minutes rather than hours
 * for every stakes (tier 1 until 2 min, tier 2 until 10, tier 3 until 20), so a test reaches
 * tier 2 with a short move of its manual ticker.
 */
final class TierProbe {
  static final QuotaConfig SHORT_TIERS = shortTiers();

  private final RedisPanicClock clock;
  private final ManualTicker ticker;
  private final Decider decider;

  TierProbe(RedisPanicClock clock, ManualTicker ticker) {
    this.clock = clock;
    this.ticker = ticker;
    this.decider = new Decider(new DecisionEngine(ZonePolicy.ofDefaults(),
        BreakerFloors.ofDefaults(), new PanicQuota(SHORT_TIERS)), VixDetector.ofDefaults(),
        PanicBreaker.of(BreakerConfig.ofDefaults(), ticker), clock,
        StakesClassifier.ofDefaults(), ticker);
  }

  RedisPanicClock clock() {
    return clock;
  }

  /** The tier of a PANIC request for {@code matchId} now (the ticker's time). */
  int panicTier(String matchId) {
    return decider.decide(MatchContext.builder(matchId).competition("Ligue 2")
        .name("Caen - Metz").markets("1x2").status(Status.PANIC).build(),
        ticker.epochMillis()).tier();
  }

  private static QuotaConfig shortTiers() {
    QuotaConfig.Builder b = QuotaConfig.custom();
    for (Stakes stakes : Stakes.values()) {
      b.thresholds(new QuotaThresholds(stakes, Duration.ofMinutes(2), Duration.ofMinutes(10),
          Duration.ofMinutes(20), 0, 5, 20, 45));
    }
    return b.build();
  }
}
