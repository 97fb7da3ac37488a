package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddscache.breaker.BreakerConfig;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The breaker's transitions happen at the seconds its 30-minute window predicts: at the
 * first request of second {@code s} the breaker counts the complete seconds {@code [s - 1800, s -
 * 1]}, and never moves with fewer than 30 samples.
 */
class BreakerTimingTest {
  private static final double ENTER = BreakerConfig.DEFAULT_ENTER_HIGH_VOLATILITY;
  private static final double OPEN = BreakerConfig.DEFAULT_OPEN_CIRCUIT;

  /**
   * One match, all of its traffic PANIC from second 60: at second s (before the window is full)
   * the ratio is (s - 60) / s, which reaches 0.5 at s = 120 and 0.8 at s = 300.
   */
  @Test
  void singleMatch_transitionsAtThePredictedSeconds() {
    SimulationResult result = Runs.of(TestScenarios.clasico(6, 200, 1, 6, "\"oddscache\""));

    long enter = firstSecond(60, ENTER);
    long open = firstSecond(60, OPEN);
    assertThat(result.policy("oddscache").breakerTransitions()).containsExactly(
        new Transition.Breaker(enter, "NORMAL", "HIGH_VOLATILITY", (enter - 60.0) / enter),
        new Transition.Breaker(open, "HIGH_VOLATILITY", "CIRCUIT_OPEN", (open - 60.0) / open));
    assertThat(enter).isEqualTo(120);
    assertThat(open).isEqualTo(300);
  }

  /** 10 requests/s, PANIC from the start: 10, then 20 samples are too few; 30 cascade to OPEN. */
  @Test
  void noTransition_belowThirtySamples() {
    SimulationResult result = Runs.of(TestScenarios.clasico(1, 10, 0, 1, "\"oddscache\""));

    long expected = (long) Math.ceil((double) BreakerConfig.DEFAULT_MIN_SAMPLES / 10);
    assertThat(result.policy("oddscache").breakerTransitions()).containsExactly(
        new Transition.Breaker(expected, "NORMAL", "HIGH_VOLATILITY", 1.0),
        new Transition.Breaker(expected, "HIGH_VOLATILITY", "CIRCUIT_OPEN", 1.0));
    assertThat(expected).isEqualTo(3);
  }

  /**
   * Two matches, the first (a Zipf share p > 0.5 of the traffic) PANIC from second 60: the ratio
   * is p (s - 60) / s, predicted to reach 0.5 at s = 60 p / (p - 0.5). The exact second follows
   * from the traffic actually drawn, with the same window arithmetic.
   */
  @Test
  void twoMatches_firstTransitionAtTheSecondTheTrafficSharePredicts() {
    int rps = 500;
    String json = String.format(Locale.ROOT, """
        { "name": "share", "seed": 5, "durationMinutes": 12,
          "matches": [
            { "id": "hot", "competition": "Ligue 1", "kickoffAtMinute": 500, \
        "markets": ["1x2", "btts"] },
            { "id": "cold", "competition": "Ligue 1", "kickoffAtMinute": 500, \
        "markets": ["1x2", "btts"] } ],
          "keysPerMarket": 10,
          "load": { "requestsPerSecond": %d, "zipfExponent": 1.0 },
          "statuses": [ { "match": "hot", "fromMinute": 1, "toMinute": 12, "status": "PANIC" } ],
          "policies": ["oddscache"] }
        """, rps);
    Scenario scenario = ScenarioReader.parse(json);
    Workload workload = new Workload(scenario, Simulation.START);
    ZipfSampler zipf = new ZipfSampler(workload.keyCount(), 1.0);
    double share = 0;
    for (int key = 0; key < workload.keyCount(); key++) {
      if (workload.matchOf(key) == 0) {
        share += zipf.probability(key);
      }
    }
    double predicted = 60 * share / (share - ENTER);

    PolicyResult cache = Runs.of(json).policy("oddscache");

    long exact = firstSecondAtOrAbove(cache, ENTER);
    assertThat(share).isBetween(0.55, 0.7);
    assertThat(cache.breakerTransitions()).first().satisfies(t -> {
      assertThat(t.to()).isEqualTo("HIGH_VOLATILITY");
      assertThat(t.second()).isEqualTo(exact);
      assertThat((double) t.second()).isCloseTo(predicted, within(predicted * 0.05));
    });
  }

  /** The first second s at which (s - panicStart) / s reaches {@code threshold}, as a double. */
  private static long firstSecond(long panicStart, double threshold) {
    long s = panicStart + 1;
    while ((double) (s - panicStart) / s < threshold) {
      s++;
    }
    return s;
  }

  /** The first second whose window [s - 1800, s - 1] holds ≥ 30 samples and a ratio ≥ threshold. */
  private static long firstSecondAtOrAbove(PolicyResult r, double threshold) {
    int[] total = r.requestsPerSecond();
    int[] panic = r.panicRequestsPerSecond();
    for (int s = 1; s < total.length; s++) {
      long t = 0;
      long p = 0;
      for (int i = Math.max(0, s - 1800); i < s; i++) {
        t += total[i];
        p += panic[i];
      }
      if (t >= BreakerConfig.DEFAULT_MIN_SAMPLES && (double) p / t >= threshold) {
        return s;
      }
    }
    return -1;
  }
}
