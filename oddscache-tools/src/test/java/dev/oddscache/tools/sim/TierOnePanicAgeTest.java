package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.tools.sim.Served.Answer;
import dev.oddscache.tools.sim.TestScenarios.Match;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The claim "served age during tier-1 panic ≤ one load duration" (with the breaker NORMAL and
 * loads succeeding), measured by the simulator per policy ({@link TierOnePanic}), and the
 * documented exceptions: a breaker floor raising the TTL of a tier-1 decision, stale-if-error,
 * and a full bulkhead.
 */
class TierOnePanicAgeTest {
  private static final int LATENCY_MS = 80;

  /**
   * Four equally popular matches, the LOW-stakes one PANIC from minute 2 to 19: a quarter of the
   * traffic is PANIC, so the breaker stays NORMAL; the panic is tier 1 for 15 minutes (2 to 17),
   * then tier 2 (TTL 5 s).
   */
  private static final String FOUR_MATCHES = TestScenarios.fourMatches("tier-one-age", 5, 20,
      LATENCY_MS, new Match("ami-cae", "Ligue 2", "Amiens - Caen"), 2, 19,
      new Match("int-mil", "Serie A"), "\"oddscache\", \"bypass\", \"fixed-ttl\"");

  @Test
  void breakerNormal_tierOneAnswersAreCoalescedBypasses_noOlderThanOneLoad_baselinesReportToo() {
    SimulationResult result = Runs.of(FOUR_MATCHES);
    PolicyResult cache = result.policy("oddscache");
    TierOnePanic t = cache.tierOnePanic();

    assertThat(cache.breakerTransitions()).isEmpty();
    // Tier 1 is the first 15 minutes of the panic, not its tier-2 tail.
    long firstFifteenMinutes = sum(cache.panicRequestsPerSecond(), 120, 1020);
    long allPanic = sum(cache.panicRequestsPerSecond(), 0, 1200);
    assertThat(t.served().count()).isCloseTo(firstFifteenMinutes, withinPercentage(1));
    assertThat(t.served().count()).isLessThan(allPanic - 5_000);
    assertThat(t.failed()).isZero();
    assertThat(cache.loadDurations().ages())
        .isEqualTo(new AgeSummary(LATENCY_MS, LATENCY_MS, LATENCY_MS));
    assertThat(t.maxLoadMillis()).isEqualTo(LATENCY_MS);
    assertThat(t.by(Answer.BYPASS).count()).isEqualTo(t.served().count());
    assertThat(t.served().ages().maxMillis()).isLessThanOrEqualTo(LATENCY_MS);
    // Answered when the load lands: the value is exactly one load old, counted from its start.
    assertThat(t.sinceLoadStart()).isEqualTo(new AgeSummary(LATENCY_MS, LATENCY_MS, LATENCY_MS));
    assertThat(t.withinOneLoad()).isTrue();
    // The PANIC figure mixes in tier 2 (TTL 5 s): it is not the tier-1 one.
    assertThat(cache.panicAges().maxMillis()).isGreaterThan(1_000);

    // The baselines are classified by the tier the quota would give the same requests.
    PolicyResult bypass = result.policy("bypass");
    PolicyResult fixed = result.policy("fixed-ttl");
    assertThat(bypass.tierOnePanic().served().count()).isEqualTo(t.served().count());
    assertThat(fixed.tierOnePanic().served().count()).isEqualTo(t.served().count());
    assertThat(bypass.tierOnePanic().withinOneLoad()).isTrue();
    assertThat(bypass.tierOnePanic().by(Answer.BYPASS).count()).isEqualTo(t.served().count());
    assertThat(fixed.tierOnePanic().withinOneLoad()).isFalse();
    assertThat(fixed.tierOnePanic().by(Answer.FRESH).ages().maxMillis()).isGreaterThan(10_000);
    assertThat(fixed.tierOnePanic().olderThanMaxLoadTotal())
        .isEqualTo(fixed.tierOnePanic().olderThanMaxLoad(Answer.FRESH)).isPositive();
  }

  /**
   * One match, all its traffic PANIC and HIGH stakes (tier 1 for an hour): the breaker goes to
   * HIGH_VOLATILITY then CIRCUIT_OPEN, whose floors (5 s, 10 s) raise the TTL of tier-1 decisions.
   * Those answers are older than one load, and are reported as fresh or stale, not as bypasses.
   */
  @Test
  void breakerFloors_makeTierOneAnswersOlderThanOneLoad_asFreshOrStale() {
    PolicyResult cache = Runs.of(TestScenarios.clasico(12, 200, 1, 12, "\"oddscache\""))
        .policy("oddscache");
    TierOnePanic t = cache.tierOnePanic();

    assertThat(cache.breakerTransitions()).extracting(Transition.Breaker::to)
        .contains("HIGH_VOLATILITY", "CIRCUIT_OPEN");
    assertThat(cache.tierTransitions()).containsExactly(new Transition.Tier(60, "rma-fcb", 0, 1));
    assertThat(t.maxLoadMillis()).isEqualTo(50);
    assertThat(t.withinOneLoad()).isFalse();
    assertThat(t.by(Answer.BYPASS).count()).isPositive();
    assertThat(t.by(Answer.BYPASS).ages().maxMillis()).isLessThanOrEqualTo(50);
    assertThat(t.olderThanMaxLoad(Answer.FRESH)).isPositive();
    assertThat(t.olderThanMaxLoad(Answer.STALE)).isPositive();
    assertThat(t.olderThanMaxLoadTotal()).isEqualTo(t.olderThanMaxLoad(Answer.FRESH)
        + t.olderThanMaxLoad(Answer.STALE) + t.olderThanMaxLoad(Answer.COMPUTE));
    // Fresh means younger than the floor (at most 10 s); stale, within floor + stale window.
    assertThat(t.by(Answer.FRESH).ages().maxMillis()).isLessThan(10_000);
    assertThat(t.by(Answer.STALE).ages().maxMillis()).isLessThan(20_000);
  }

  /**
   * The FOUR_MATCHES panic with a backend failing 20% of calls: a failed tier-1 load is answered
   * with the previous value (stale-if-error), older than one load; the baseline fails instead.
   */
  @Test
  void staleIfError_answersAreTheOnlyTierOneAnswersOlderThanOneLoad_whenLoadsFail() {
    String failing = TestScenarios.with(FOUR_MATCHES, "\"latencyMs\": 80",
        "\"latencyMs\": 80, \"failureRate\": 0.2");
    SimulationResult result = Runs.of(TestScenarios.with(failing,
        "\"oddscache\", \"bypass\", \"fixed-ttl\"", "\"oddscache\", \"bypass\""));
    TierOnePanic t = result.policy("oddscache").tierOnePanic();
    TierOnePanic baseline = result.policy("bypass").tierOnePanic();

    assertThat(t.by(Answer.STALE_IF_ERROR).count()).isPositive();
    assertThat(t.olderThanMaxLoadTotal()).isEqualTo(t.olderThanMaxLoad(Answer.STALE_IF_ERROR))
        .isPositive();
    assertThat(t.by(Answer.STALE_IF_ERROR).ages().maxMillis())
        .isLessThan(OddsCacheConfig.ofDefaults().staleIfError().toMillis());
    assertThat(t.by(Answer.BYPASS).ages().maxMillis()).isLessThanOrEqualTo(LATENCY_MS);
    assertThat(baseline.failed()).isPositive();
    assertThat(baseline.withinOneLoad()).isTrue();
    // The same requests are tier 1 whichever policy answers, failures included.
    assertThat(baseline.served().count() + baseline.failed())
        .isEqualTo(t.served().count() + t.failed());
  }

  /**
   * A quarter of 400 requests/s on 200 keys of one LOW-stakes match panicking, one-second loads:
   * the bulkhead fills, and tier-1 requests for keys not in flight are answered with their stored
   * value (maxStaleOnOverload), older than one load.
   */
  @Test
  void fullBulkhead_overloadAnswersAreOlderThanOneLoad_bypassesAreNot() {
    PolicyResult cache = Runs.of("""
        { "name": "tier-one-overload", "seed": 3, "durationMinutes": 5,
          "matches": [
            { "id": "ami-cae", "competition": "Ligue 2", "kickoffAtMinute": 30,
              "markets": ["1x2", "btts", "over_under_25", "corners"] },
            { "id": "psg-om", "competition": "Ligue 1", "kickoffAtMinute": 200,
              "markets": ["1x2", "btts", "over_under_25", "corners"] },
            { "id": "ars-che", "competition": "Premier League", "kickoffAtMinute": 300,
              "markets": ["1x2", "btts", "over_under_25", "corners"] },
            { "id": "int-mil", "competition": "Serie A", "kickoffAtMinute": 400,
              "markets": ["1x2", "btts", "over_under_25", "corners"] } ],
          "keysPerMarket": 50,
          "load": { "requestsPerSecond": 400, "zipfExponent": 0 },
          "backend": { "latencyMs": 1000 },
          "statuses": [ { "match": "ami-cae", "fromMinute": 1, "toMinute": 5, "status": "PANIC" } ],
          "policies": ["oddscache"] }
        """).policy("oddscache");
    TierOnePanic t = cache.tierOnePanic();
    OddsCacheConfig config = OddsCacheConfig.ofDefaults();

    assertThat(cache.breakerTransitions()).isEmpty();
    assertThat(cache.backendMaxConcurrent()).isEqualTo(config.maxConcurrentLoads());
    assertThat(t.maxLoadMillis()).isEqualTo(1_000);
    assertThat(t.by(Answer.OVERLOAD).count()).isPositive();
    assertThat(t.olderThanMaxLoadTotal()).isEqualTo(t.olderThanMaxLoad(Answer.OVERLOAD))
        .isPositive();
    assertThat(t.by(Answer.OVERLOAD).ages().maxMillis())
        .isLessThanOrEqualTo(config.maxStaleOnOverload().toMillis());
    assertThat(t.by(Answer.BYPASS).ages().maxMillis()).isLessThanOrEqualTo(1_000);
  }

  private static long sum(int[] perSecond, int from, int to) {
    return Arrays.stream(perSecond, from, to).asLongStream().sum();
  }
}
