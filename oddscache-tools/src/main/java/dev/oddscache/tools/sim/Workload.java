package dev.oddscache.tools.sim;

import dev.oddscache.Markets;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key space of a scenario and what each key's requests look like: its match, market, and the
 * context (with the scenario's explicit status at a given time, or none when a feed drives the
 * detector).
 *
 * <p>Keys are ranked for the Zipf law round-robin over matches, then markets, then the keys of a
 * market: rank 0 is the first key of the first market of the first match, rank 1 the same for the
 * second match, and so on. Each match thus gets a near-equal share of the traffic and popularity
 * falls off inside every market, instead of the first match taking all the hot keys.
 *
 * <p>Contexts are built once per (key, status) and reused, so a request allocates none. Not
 * thread-safe (built lazily).
 */
final class Workload {
  private static final long NANOS_PER_MINUTE = 60_000_000_000L;

  private final List<String> matchIds = new ArrayList<>();
  private final String[] keys;
  private final int[] matchOfKey;
  private final List<Scenario.MatchSpec> matchSpecs;
  private final String[] marketOfKey;
  private final Instant start;
  private final long[][] spanNanos;
  private final Status[][] spanStatus;
  private final MatchContext[] contexts;

  Workload(Scenario scenario, Instant start) {
    this(scenario, scenario.matches(), start);
  }

  /** The key space of {@code requested}, which a feed may have given instead of the scenario. */
  Workload(Scenario scenario, List<Scenario.MatchSpec> requested, Instant start) {
    this.start = start;
    this.matchSpecs = requested;
    Map<String, Integer> matchIndex = new HashMap<>();
    int maxMarkets = 0;
    for (Scenario.MatchSpec m : matchSpecs) {
      matchIndex.put(m.id().trim(), matchIds.size());
      matchIds.add(m.id().trim());
      maxMarkets = Math.max(maxMarkets, m.markets().size());
    }
    List<String> keyList = new ArrayList<>();
    List<Integer> matchList = new ArrayList<>();
    List<String> marketList = new ArrayList<>();
    for (int k = 0; k < scenario.keysPerMarket(); k++) {
      for (int slot = 0; slot < maxMarkets; slot++) {
        for (int j = 0; j < matchSpecs.size(); j++) {
          List<String> markets = matchSpecs.get(j).markets();
          if (slot < markets.size()) {
            String market = Markets.normalise(markets.get(slot));
            keyList.add(matchIds.get(j) + "/" + market + "/" + k);
            matchList.add(j);
            marketList.add(market);
          }
        }
      }
    }
    keys = keyList.toArray(String[]::new);
    matchOfKey = matchList.stream().mapToInt(Integer::intValue).toArray();
    marketOfKey = marketList.toArray(String[]::new);
    contexts = new MatchContext[keys.length * (Status.values().length + 1)];

    int matches = matchIds.size();
    List<List<Scenario.StatusSpan>> byMatch = new ArrayList<>();
    for (int j = 0; j < matches; j++) {
      byMatch.add(new ArrayList<>());
    }
    for (Scenario.StatusSpan span : scenario.statuses()) {
      byMatch.get(matchIndex.get(span.match().trim())).add(span);
    }
    spanNanos = new long[matches][];
    spanStatus = new Status[matches][];
    for (int j = 0; j < matches; j++) {
      List<Scenario.StatusSpan> spans = byMatch.get(j);
      spanNanos[j] = new long[spans.size() * 2];
      spanStatus[j] = new Status[spans.size()];
      for (int i = 0; i < spans.size(); i++) {
        Scenario.StatusSpan span = spans.get(i);
        spanNanos[j][2 * i] = minutesToNanos(span.fromMinute());
        spanNanos[j][2 * i + 1] = minutesToNanos(span.toMinute());
        spanStatus[j][i] = ScenarioReader.parseStatus("status", span.status());
      }
    }
  }

  static long minutesToNanos(double minutes) {
    return Math.round(minutes * NANOS_PER_MINUTE);
  }

  int keyCount() {
    return keys.length;
  }

  String key(int key) {
    return keys[key];
  }

  int matchOf(int key) {
    return matchOfKey[key];
  }

  List<String> matchIds() {
    return matchIds;
  }

  /** The worst status of the spans of {@code match} covering {@code nanos}; NORMAL outside them. */
  Status statusAt(int match, long nanos) {
    long[] bounds = spanNanos[match];
    Status worst = Status.NORMAL;
    for (int i = 0; i < spanStatus[match].length; i++) {
      if (nanos >= bounds[2 * i] && nanos < bounds[2 * i + 1]) {
        worst = Status.worst(worst, spanStatus[match][i]);
      }
    }
    return worst;
  }

  /** The normalised market of {@code key}. */
  String marketOf(int key) {
    return marketOfKey[key];
  }

  /**
   * The context of a request for {@code key} with the explicit {@code status}, or with none
   * (null), for the detector to classify.
   */
  MatchContext context(int key, Status status) {
    int slot = key * (Status.values().length + 1) + (status == null ? 0 : status.ordinal() + 1);
    MatchContext c = contexts[slot];
    if (c == null) {
      Scenario.MatchSpec m = matchSpecs.get(matchOfKey[key]);
      MatchContext.Builder b = MatchContext.builder(m.id())
          .competition(m.competition())
          .name(m.name())
          .markets(marketOfKey[key]);
      if (status != null) {
        b.status(status);
      }
      if (m.kickoffAtMinute() != null) {
        b.kickoff(start.plusNanos(minutesToNanos(m.kickoffAtMinute())));
      }
      c = b.build();
      contexts[slot] = c;
    }
    return c;
  }
}
