package dev.oddscache.tools.sim;

import dev.oddscache.Status;
import dev.oddscache.quota.PanicQuota;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.StakesClassifier;
import java.util.List;

/**
 * The panic quota tier that {@code oddscache}'s default configuration gives each request, derived
 * from the scenario alone: the match's stakes from its competition and name, and a panic clock
 * that starts at the match's first PANIC request and stops at its next non-PANIC one, as the
 * process-local panic clock does with no calm grace (the default: no wait before a panic ends).
 * Every policy sees the same requests at the same instants, so this is the tier the real cache
 * decides for the same request.
 *
 * <p>It classifies the requests of the baselines, which have no tiers, and the requests of {@code
 * oddscache} that fail (a failure carries no decision); answered {@code oddscache} requests use
 * their decision's own tier. Not thread-safe.
 */
final class ReferenceTiers {
  private static final long NO_PANIC = Long.MIN_VALUE;

  private final QuotaThresholds[] thresholds;
  private final long[] panicStartMillis;

  ReferenceTiers(List<Scenario.MatchSpec> matches) {
    StakesClassifier stakes = StakesClassifier.ofDefaults();
    PanicQuota quota = PanicQuota.ofDefaults();
    thresholds = new QuotaThresholds[matches.size()];
    panicStartMillis = new long[matches.size()];
    for (int j = 0; j < matches.size(); j++) {
      Scenario.MatchSpec m = matches.get(j);
      thresholds[j] = quota.config().thresholds(stakes.classify(m.competition(), m.name()));
      panicStartMillis[j] = NO_PANIC;
    }
  }

  /**
   * Observes a request for match index {@code match} with {@code status} at {@code nowMillis}
   * (the wall-clock millis the cache reads) and returns its tier: 0 unless PANIC, else 1 to 4.
   */
  int observe(int match, Status status, long nowMillis) {
    if (status != Status.PANIC) {
      panicStartMillis[match] = NO_PANIC;
      return 0;
    }
    if (panicStartMillis[match] == NO_PANIC) {
      panicStartMillis[match] = nowMillis;
    }
    return thresholds[match].tierFor(nowMillis - panicStartMillis[match]);
  }
}
