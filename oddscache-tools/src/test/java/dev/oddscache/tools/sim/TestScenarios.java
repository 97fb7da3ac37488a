package dev.oddscache.tools.sim;

import java.util.Locale;

/** Small scenarios for the tests, as JSON text. */
final class TestScenarios {
  private TestScenarios() {}

  /**
   * El Clásico two and a half hours before kickoff, the shape of docs/simulator.md's example,
   * with the caller's length, rate, PANIC interval and policies; its GOAL fires half-way.
   */
  static String clasico(int minutes, int rps, double panicFrom, double panicTo, String policies) {
    return String.format(Locale.ROOT, """
        { "name": "clasico-test", "seed": 42, "durationMinutes": %d,
          "matches": [ { "id": "rma-fcb", "competition": "La Liga", "name": "El Clasico",
                         "kickoffAtMinute": 150,
                         "markets": ["1x2", "over_under_25", "btts", "correct_score", "asian_handicap"] } ],
          "keysPerMarket": 20,
          "load": { "requestsPerSecond": %d, "zipfExponent": 1.0 },
          "backend": { "latencyMs": 50, "failureRate": 0.0 },
          "statuses": [ { "match": "rma-fcb", "fromMinute": %s, "toMinute": %s, "status": "PANIC" } ],
          "events": [ { "atMinute": %s, "match": "rma-fcb", "type": "GOAL" } ],
          "policies": [%s] }
        """, minutes, rps, panicFrom, panicTo, minutes / 2.0, policies);
  }

  /** Replaces one JSON fragment of {@code json}, failing loudly if it is not there. */
  static String with(String json, String fragment, String replacement) {
    if (!json.contains(fragment)) {
      throw new IllegalArgumentException("fragment not found: " + fragment);
    }
    return json.replace(fragment, replacement);
  }
}
