package dev.oddscache.bench;

import dev.oddscache.MatchContext;
import java.time.Duration;
import java.time.Instant;

/**
 * The keys and contexts every benchmark reads: {@link #KEYS} keys spread over {@link #MATCHES}
 * matches, each key with the context a proxy request would carry (match, competition, one
 * market). Contexts are built once, as Caffeine's side builds nothing per call either; building
 * one per request is the server's cost, measured by the proxy benchmark.
 */
final class Workload {
  /** A power of two, so that the per-thread index wraps with a mask. */
  static final int KEYS = 1 << 12;
  static final int MATCHES = 64;
  static final String[] COMPETITIONS = {"Ligue 1", "Premier League", "Ligue 2", "Champions League"};
  static final String[] MARKETS = {"1x2", "over_under_25", "btts", "correct_score"};

  private static final Instant START = Instant.now();

  final String[] keys = new String[KEYS];
  final MatchContext[] contexts = new MatchContext[KEYS];

  Workload() {
    for (int i = 0; i < KEYS; i++) {
      int match = i % MATCHES;
      String market = MARKETS[(i / MATCHES) % MARKETS.length];
      keys[i] = "odds:m" + match + ":" + market + ":" + i;
      MatchContext.Builder context = MatchContext.builder("m" + match)
          .competition(COMPETITIONS[match % COMPETITIONS.length])
          .markets(market);
      if (match % 2 == 0) {
        // Kickoffs beyond the 24 h prematch horizon: zone STANDARD (TTL 300 s), so every read
        // of a benchmark iteration is a fresh hit, while the zone arithmetic still runs.
        context.kickoff(START.plus(Duration.ofHours(25 + match)));
      }
      contexts[i] = context.build();
    }
  }

  /** The value stored under every key: small, like a price vector. */
  static String value(String key) {
    return "{\"key\":\"" + key + "\",\"home\":2.10,\"draw\":3.40,\"away\":3.60}";
  }
}
