package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.tools.sim.TestScenarios.Match;
import org.junit.jupiter.api.Test;

class BackendProtectionTest {

  /**
   * 200 keys under panic, each asked about once a second, with a one-second backend: coalescing
   * alone would need ~200 loads at once; the bulkhead keeps it to maxConcurrentLoads.
   */
  @Test
  void oddscache_neverExceedsMaxConcurrentLoads_whenDemandDoes() {
    SimulationResult result = Runs.of("""
        { "name": "bulkhead", "seed": 3, "durationMinutes": 3,
          "matches": [ { "id": "m", "competition": "Ligue 2", "kickoffAtMinute": 30,
                         "markets": ["1x2", "btts", "over_under_25", "corners"] } ],
          "keysPerMarket": 50,
          "load": { "requestsPerSecond": 400, "zipfExponent": 0 },
          "backend": { "latencyMs": 1000 },
          "statuses": [ { "match": "m", "fromMinute": 0, "toMinute": 3, "status": "PANIC" } ],
          "policies": ["oddscache", "bypass"] }
        """);

    int limit = OddsCacheConfig.ofDefaults().maxConcurrentLoads();
    assertThat(result.policy("oddscache").backendMaxConcurrent()).isEqualTo(limit);
    assertThat(result.policy("bypass").backendMaxConcurrent()).isGreaterThan(4 * limit);
  }

  /**
   * Four equally popular matches, one panicking: the breaker stays NORMAL (a quarter of the
   * traffic is PANIC), so the Clásico's first hour of panic is tier 1, TTL 0, coalesced: nothing
   * older than one load duration is served.
   */
  @Test
  void oddscache_tierOnePanic_servesNothingOlderThanOneLoad() {
    int latencyMs = 80;
    SimulationResult result = Runs.of(TestScenarios.fourMatches("tier-one", 11, 12, latencyMs,
        new Match("rma-fcb", "La Liga", "El Clasico"), 2, 10, new Match("ami-cae", "Ligue 2"),
        "\"oddscache\", \"fixed-ttl\""));

    PolicyResult cache = result.policy("oddscache");
    assertThat(cache.breakerTransitions()).isEmpty();
    assertThat(cache.tierTransitions()).containsExactly(
        new Transition.Tier(120, "rma-fcb", 0, 1), new Transition.Tier(600, "rma-fcb", 1, 0));
    assertThat(cache.panicAges().maxMillis()).isLessThanOrEqualTo(latencyMs);
    assertThat(result.policy("fixed-ttl").panicAges().maxMillis()).isGreaterThan(10_000);
  }
}
