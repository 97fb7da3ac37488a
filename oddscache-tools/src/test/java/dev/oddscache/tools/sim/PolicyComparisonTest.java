package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.cache.OddsCacheConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's headline claims of backend protection (backend loads never above
 * {@code maxConcurrentLoads}, total and peak loads far below {@code bypass}) on a small Clásico:
 * 20 minutes at 200 requests/s, PANIC from minute 2 to 18.
 */
class PolicyComparisonTest {
  private static SimulationResult result;

  @BeforeAll
  static void run() {
    result = Runs.of(
        TestScenarios.clasico(20, 200, 2, 18, "\"oddscache\", \"bypass\", \"fixed-ttl\""));
  }

  @Test
  void everyPolicy_seesTheSameRequests() {
    assertThat(result.policies()).extracting(PolicyResult::requests).containsOnly(20L * 60 * 200);
    assertThat(result.policy("bypass").requestsPerSecond())
        .isEqualTo(result.policy("oddscache").requestsPerSecond());
  }

  @Test
  void oddscache_callsTheBackendAFractionOfBypass() {
    PolicyResult cache = result.policy("oddscache");
    PolicyResult bypass = result.policy("bypass");

    assertThat(cache.backendCalls()).isLessThan(bypass.backendCalls() / 5);
    assertThat(cache.peakBackendCallsPerSecond()).isLessThan(bypass.peakBackendCallsPerSecond());
  }

  @Test
  void bypass_loadsOnEveryPanicRequest() {
    PolicyResult bypass = result.policy("bypass");
    long panicRequests = 0;
    for (int n : bypass.panicRequestsPerSecond()) {
      panicRequests += n;
    }

    assertThat(bypass.served(dev.oddscache.cache.Strategy.BYPASS)).isEqualTo(panicRequests);
    assertThat(bypass.backendCalls()).isGreaterThanOrEqualTo(panicRequests);
    assertThat(bypass.transitions()).isEmpty();
  }

  @Test
  void oddscache_servesFresherPanicDataThanFixedTtl() {
    AgeSummary cache = result.policy("oddscache").panicAges();
    AgeSummary fixed = result.policy("fixed-ttl").panicAges();

    assertThat(cache.p99Millis()).isLessThan(fixed.p99Millis());
    assertThat(cache.maxMillis()).isLessThan(fixed.maxMillis());
    // Even with the breaker's floors (at most 10 s for PANIC), far below the 60 s zone TTL.
    assertThat(cache.maxMillis()).isLessThanOrEqualTo(2 * 10_000 + 50);
  }

  @Test
  void oddscache_staysWithinMaxConcurrentLoads() {
    assertThat(result.policy("oddscache").backendMaxConcurrent())
        .isLessThanOrEqualTo(OddsCacheConfig.ofDefaults().maxConcurrentLoads());
  }

  @Test
  void baselines_haveNoTransitions_oddscacheHasBoth() {
    assertThat(result.policy("fixed-ttl").transitions()).isEmpty();
    assertThat(result.policy("oddscache").breakerTransitions()).isNotEmpty();
    assertThat(result.policy("oddscache").tierTransitions()).first()
        .isEqualTo(new Transition.Tier(120, "rma-fcb", 0, 1));
  }
}
