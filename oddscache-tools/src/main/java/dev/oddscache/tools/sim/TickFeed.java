package dev.oddscache.tools.sim;

import dev.oddscache.Markets;
import dev.oddscache.server.betfair.BetfairInput;
import dev.oddscache.server.betfair.BetfairListener;
import dev.oddscache.server.betfair.BetfairStreamParser;
import dev.oddscache.server.betfair.BetfairTick;
import dev.oddscache.server.betfair.MarketStatusChange;
import dev.oddscache.server.betfair.Rejection;
import dev.oddscache.tools.data.DataFolder;
import dev.oddscache.vix.OddsTick;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded feed of a scenario driven by real odds, read once and replayed by every run: the
 * markets of its Betfair files, and its prices and market status changes in time order within the
 * run's window.
 *
 * <p>Each file gets its own parser. A market is a (match, market) pair, the match being the
 * definition's {@code eventId} and the market its {@code marketType} lower-cased, as the detector
 * keys them; markets are numbered in order of first appearance, file by file. Only the prices of
 * OPEN markets that the detector would accept (finite odds above 1.0) are kept: they are what a
 * backend reads. Events of all files are merged by {@code pt}, keeping file order for equal
 * times. Immutable once loaded.
 *
 * @param startMillis the run's first instant: {@code fromMillis}, or the first price's {@code pt}
 * @param endMillis the run's last instant: {@code toMillis}, or the last price's {@code pt}
 * @param markets by index
 * @param selections the number of distinct selections of each market, by market index
 * @param events the prices and status changes within {@code [startMillis, endMillis]}, in order
 * @param ticks how many of {@code events} are prices
 */
record TickFeed(long startMillis, long endMillis, List<Market> markets, int[] selections,
    List<Event> events, long ticks) {

  /**
   * One market of the feed.
   *
   * @param kickoffMillis the {@code marketTime} of the market's first definition seen with a
   *     price, or null
   */
  record Market(String matchId, String market, Long kickoffMillis) {}

  /** A price or a status change, at {@code ptMillis} of the feed's clock. */
  sealed interface Event permits Tick, StatusChange {
    long ptMillis();

    /** The index of the event's market. */
    int market();
  }

  /** A price: {@code selection} is the selection's index within its market. */
  record Tick(long ptMillis, int market, int selection, OddsTick tick) implements Event {}

  /** A market's definition status changed, to {@code status}. */
  record StatusChange(long ptMillis, int market, String status) implements Event {}

  /** The run's length in whole virtual seconds, rounded up; at least 1. */
  long durationSeconds() {
    return Math.max(1, (endMillis - startMillis + 999) / 1000);
  }

  /**
   * The matches of the feed in order of first appearance, each with its markets; a match's
   * kickoff is its first market's with one.
   */
  List<Scenario.MatchSpec> matches() {
    Map<String, List<String>> marketsByMatch = new LinkedHashMap<>();
    Map<String, Long> kickoffs = new HashMap<>();
    for (Market m : markets) {
      marketsByMatch.computeIfAbsent(m.matchId(), id -> new ArrayList<>()).add(m.market());
      if (m.kickoffMillis() != null) {
        kickoffs.putIfAbsent(m.matchId(), m.kickoffMillis());
      }
    }
    List<Scenario.MatchSpec> matches = new ArrayList<>();
    marketsByMatch.forEach((id, list) -> {
      Long kickoff = kickoffs.get(id);
      matches.add(new Scenario.MatchSpec(id, null, null,
          kickoff == null ? null : (kickoff - startMillis) / 60_000.0, list));
    });
    return matches;
  }

  /** The index of the market {@code (matchId, market)}, or -1 if the feed has none. */
  int marketIndex(String matchId, String market) {
    for (int i = 0; i < markets.size(); i++) {
      Market m = markets.get(i);
      if (m.matchId().equals(matchId) && m.market().equals(Markets.normalise(market))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads the feed of {@code spec}, whose files exist (the reader checked).
   *
   * @throws ScenarioException naming the file when one cannot be read or holds no price, or when
   *     the window holds no price
   */
  static TickFeed load(Scenario.TicksSpec spec) {
    Loader loader = new Loader();
    for (int i = 0; i < spec.betfair().size(); i++) {
      loader.file(i, Path.of(spec.betfair().get(i)));
    }
    return loader.feed(spec.fromMillis(), spec.toMillis());
  }

  /** Collects the files' events; not thread-safe. */
  private static final class Loader {
    private final Map<List<String>, Integer> marketIndex = new HashMap<>();
    private final List<Market> markets = new ArrayList<>();
    private final List<Map<String, Integer>> selectionIndex = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    void file(int i, Path file) {
      String at = "ticks.betfair[" + i + "]";
      long[] prices = {0};
      List<Rejection> rejections = new ArrayList<>();
      BetfairListener listener = new BetfairListener() {
        @Override
        public void onTick(BetfairTick t) {
          int market = market(t.tick().matchId(), t.tick().market(), t.kickoffMillis());
          double odds = t.tick().odds();
          if (Double.isFinite(odds) && odds > 1.0) {
            prices[0]++;
            events.add(new Tick(t.tick().timestampMillis(), market,
                selection(market, t.tick().selection()), t.tick()));
          }
        }

        @Override
        public void onIgnored(BetfairTick t) {
          market(t.tick().matchId(), t.tick().market(), t.kickoffMillis());
        }

        @Override
        public void onMarketStatus(MarketStatusChange c) {
          events.add(new StatusChange(c.ptMillis(), market(c.matchId(), c.market(), null),
              c.status()));
        }

        @Override
        public void onRejected(Rejection rejection) {
          if (rejections.size() < 3) {
            rejections.add(rejection);
          }
        }
      };
      long lines;
      try (BufferedReader in = BetfairInput.open(file)) {
        lines = new BetfairStreamParser().parse(in, listener);
      } catch (IOException e) {
        throw new ScenarioException(at + ": cannot read " + file + ": " + e.getMessage(), e);
      }
      if (prices[0] == 0) {
        throw new ScenarioException(at + ": no prices of an OPEN market in " + file + " ("
            + lines + " lines" + (rejections.isEmpty() ? ""
                : "; first rejected: line " + (rejections.get(0).index() + 1) + ": "
                    + rejections.get(0).reason())
            + "); expected a Betfair stream file: " + DataFolder.BETFAIR_SOURCE);
      }
    }

    private int market(String matchId, String market, Long kickoffMillis) {
      List<String> key = List.of(matchId, market);
      Integer index = marketIndex.get(key);
      if (index == null) {
        index = markets.size();
        marketIndex.put(key, index);
        markets.add(new Market(matchId, market, kickoffMillis));
        selectionIndex.add(new HashMap<>());
      } else if (markets.get(index).kickoffMillis() == null && kickoffMillis != null) {
        markets.set(index, new Market(matchId, market, kickoffMillis));
      }
      return index;
    }

    private int selection(int market, String selection) {
      Map<String, Integer> ids = selectionIndex.get(market);
      return ids.computeIfAbsent(selection, s -> ids.size());
    }

    TickFeed feed(Long fromMillis, Long toMillis) {
      // Stable: events of equal time keep their file order.
      events.sort(Comparator.comparingLong(Event::ptMillis));
      long firstTick = Long.MAX_VALUE;
      long lastTick = Long.MIN_VALUE;
      for (Event e : events) {
        if (e instanceof Tick) {
          firstTick = Math.min(firstTick, e.ptMillis());
          lastTick = Math.max(lastTick, e.ptMillis());
        }
      }
      long start = fromMillis != null ? fromMillis : firstTick;
      long end = toMillis != null ? toMillis : lastTick;
      if (end < start) {
        throw new ScenarioException("ticks: the window is empty: it starts at " + start
            + " and ends at " + end + " (the feed's prices run from " + firstTick + " to "
            + lastTick + ", epoch milliseconds)");
      }
      List<Event> window = new ArrayList<>();
      long ticks = 0;
      for (Event e : events) {
        if (e.ptMillis() >= start && e.ptMillis() <= end) {
          window.add(e);
          ticks += e instanceof Tick ? 1 : 0;
        }
      }
      if (ticks == 0) {
        throw new ScenarioException("ticks: no price between fromMillis " + start
            + " and toMillis " + end + " (the feed's prices run from " + firstTick + " to "
            + lastTick + ", epoch milliseconds)");
      }
      int[] selections = selectionIndex.stream().mapToInt(Map::size).toArray();
      return new TickFeed(start, end, List.copyOf(markets), selections, List.copyOf(window),
          ticks);
    }
  }
}
