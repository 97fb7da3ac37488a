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
                         "markets": ["1x2", "over_under_25", "btts", "correct_score", \
        "asian_handicap"] } ],
          "keysPerMarket": 20,
          "load": { "requestsPerSecond": %d, "zipfExponent": 1.0 },
          "backend": { "latencyMs": 50, "failureRate": 0.0 },
          "statuses": [ { "match": "rma-fcb", "fromMinute": %s, "toMinute": %s, \
        "status": "PANIC" } ],
          "events": [ { "atMinute": %s, "match": "rma-fcb", "type": "GOAL" } ],
          "policies": [%s] }
        """, minutes, rps, panicFrom, panicTo, minutes / 2.0, policies);
  }

  /** A match of {@link #fourMatches}; {@code name} (its display name) may be null: none given. */
  record Match(String id, String competition, String name) {
    Match(String id, String competition) {
      this(id, competition, null);
    }

    String json(int kickoffAtMinute) {
      return String.format(Locale.ROOT, "{ \"id\": \"%s\", \"competition\": \"%s\",%s"
          + " \"kickoffAtMinute\": %d, \"markets\": [\"1x2\", \"btts\"] }", id, competition,
          name == null ? "" : " \"name\": \"" + name + "\",", kickoffAtMinute);
    }
  }

  /**
   * Four equally popular matches of two markets (ten keys each; 200 uniform requests/s in all;
   * kickoffs at minutes 150, 200, 300 and 400): {@code panicking} first, PANIC from minute
   * {@code panicFrom} to {@code panicTo}, then psg-om, ars-che and {@code fourth}. A quarter of the
   * traffic is PANIC, so the breaker stays NORMAL.
   */
  static String fourMatches(String name, int seed, int minutes, int latencyMs, Match panicking,
      int panicFrom, int panicTo, Match fourth, String policies) {
    return String.format(Locale.ROOT, """
        { "name": "%s", "seed": %d, "durationMinutes": %d,
          "matches": [ %s,
            %s,
            %s,
            %s ],
          "keysPerMarket": 10,
          "load": { "requestsPerSecond": 200, "zipfExponent": 0 },
          "backend": { "latencyMs": %d },
          "statuses": [ { "match": "%s", "fromMinute": %d, "toMinute": %d, "status": "PANIC" } ],
          "policies": [%s] }
        """, name, seed, minutes, panicking.json(150),
        new Match("psg-om", "Ligue 1").json(200), new Match("ars-che", "Premier League").json(300),
        fourth.json(400), latencyMs, panicking.id(), panicFrom, panicTo, policies);
  }

  /** Replaces one JSON fragment of {@code json}, failing loudly if it is not there. */
  static String with(String json, String fragment, String replacement) {
    if (!json.contains(fragment)) {
      throw new IllegalArgumentException("fragment not found: " + fragment);
    }
    return json.replace(fragment, replacement);
  }
}
