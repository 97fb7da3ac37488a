package dev.oddscache.tools.replay;

import dev.oddscache.Status;
import dev.oddscache.server.betfair.BetfairTick;
import dev.oddscache.vix.TickResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the replay learns about one market: its ticks, its PANIC and WARNING runs, and optionally
 * its prices for the chart. Not thread-safe; the replay runs on one thread.
 */
final class MarketReplay {
  private final MarketKey key;
  private final boolean keepPrices;
  private final SortedSet<String> betfairIds = new TreeSet<>();
  private final Map<String, long[]> ticksBySelection = new TreeMap<>();
  private final Map<String, PriceSeries> prices = new LinkedHashMap<>();
  private final long[] classified = new long[Status.values().length];
  private final RunnerNames names;
  private final RunTracker panic;
  private final RunTracker warning;
  private Long kickoffMillis;
  private Long inPlayFromMillis;
  private long ticks;
  private long firstMillis = Long.MAX_VALUE;
  private long lastMillis = Long.MIN_VALUE;

  MarketReplay(MarketKey key, long holdMillis, boolean keepPrices) {
    this(key, holdMillis, keepPrices, RunnerNames.NONE);
  }

  /** @param names what market catalogues call the market's event, markets and runners */
  MarketReplay(MarketKey key, long holdMillis, boolean keepPrices, RunnerNames names) {
    this.names = names;
    this.key = key;
    this.keepPrices = keepPrices;
    this.panic = new RunTracker(Status.PANIC, holdMillis);
    this.warning = new RunTracker(Status.WARNING, holdMillis);
  }

  /**
   * Folds in an accepted tick.
   *
   * @param held the market's held status at the tick's time, queried after the tick
   */
  void onTick(BetfairTick tick, TickResult result, Status held) {
    long pt = tick.tick().timestampMillis();
    betfairIds.add(tick.marketId());
    if (tick.kickoffMillis() != null) {
      kickoffMillis = tick.kickoffMillis();
    }
    if (tick.inPlay() && inPlayFromMillis == null) {
      inPlayFromMillis = pt;
    }
    ticks++;
    firstMillis = Math.min(firstMillis, pt);
    lastMillis = Math.max(lastMillis, pt);
    classified[result.status().ordinal()]++;
    ticksBySelection.computeIfAbsent(tick.tick().selection(), s -> new long[1])[0]++;
    if (keepPrices) {
      prices.computeIfAbsent(tick.tick().selection(), s -> new PriceSeries())
          .add(pt, tick.tick().odds());
    }
    panic.onTick(pt, result.status(), held, result.zScore(), tick.inPlay());
    warning.onTick(pt, result.status(), held, result.zScore(), tick.inPlay());
  }

  /** Closes the open runs; call once, after the last file. */
  void finish() {
    panic.finish();
    warning.finish();
  }

  MarketKey key() {
    return key;
  }

  /**
   * {@code market of event ID (Betfair IDS)}, or with the names catalogues give: {@code market of
   * EVENT NAME (event ID; Betfair ID MARKET NAME)}.
   */
  String heading() {
    List<String> ids = new ArrayList<>();
    for (String id : betfairIds) {
      String name = names.market(id);
      ids.add(name == null ? id : id + " " + name);
    }
    String betfair = "Betfair " + String.join(", ", ids);
    String event = names.event(betfairIds);
    return event == null
        ? key.market() + " of event " + key.match() + " (" + betfair + ")"
        : key.market() + " of " + event + " (event " + key.match() + "; " + betfair + ")";
  }

  /**
   * {@code heading()} short enough for a chart's title: {@code market of EVENT NAME (Betfair
   * IDS)}, or {@code market of event ID (Betfair IDS)} without a catalogue.
   */
  String shortHeading() {
    String event = names.event(betfairIds);
    return key.market() + " of " + (event == null ? "event " + key.match() : event)
        + " (Betfair " + String.join(", ", betfairIds) + ")";
  }

  /** The catalogue's name of {@code selection}, else its id. */
  String selectionLabel(String selection) {
    String name = names.runner(betfairIds, selection);
    return name == null ? selection : name;
  }

  /** {@code id = name} of each selection a catalogue names, by id; empty without catalogues. */
  List<String> namedSelections() {
    List<String> named = new ArrayList<>();
    for (String selection : ticksBySelection.keySet()) {
      String name = names.runner(betfairIds, selection);
      if (name != null) {
        named.add(selection + " = " + name);
      }
    }
    return named;
  }

  SortedSet<String> betfairIds() {
    return Collections.unmodifiableSortedSet(betfairIds);
  }

  Long kickoffMillis() {
    return kickoffMillis;
  }

  Long inPlayFromMillis() {
    return inPlayFromMillis;
  }

  long ticks() {
    return ticks;
  }

  long classified(Status status) {
    return classified[status.ordinal()];
  }

  int selections() {
    return ticksBySelection.size();
  }

  long firstMillis() {
    return firstMillis;
  }

  long lastMillis() {
    return lastMillis;
  }

  List<Episode> episodes() {
    List<Episode> episodes = new ArrayList<>();
    for (StatusRun run : panic.runs()) {
      episodes.add(new Episode(key.match(), key.market(), run.startMillis(), run.endMillis(),
          run.peakZ(), run.inPlay()));
    }
    return episodes;
  }

  /** Runs of WARNING or worse, which contain the PANIC ones. */
  List<StatusRun> warningRuns() {
    return warning.runs();
  }

  /**
   * The prices of the {@code limit} selections with the most ticks (ties by selection id), most
   * ticks first; empty unless prices were kept.
   */
  Map<String, PriceSeries> topPrices(int limit) {
    List<String> selections = new ArrayList<>(prices.keySet());
    selections.sort(Comparator.comparingLong((String s) -> -ticksBySelection.get(s)[0])
        .thenComparing(Comparator.naturalOrder()));
    Map<String, PriceSeries> top = new LinkedHashMap<>();
    for (String s : selections.subList(0, Math.min(limit, selections.size()))) {
      top.put(s, prices.get(s));
    }
    return top;
  }
}
