package dev.oddscache.tools.demo;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerSnapshot;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.decision.Decider;
import dev.oddscache.decision.Decision;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.tools.sim.Scenario;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.vix.VixDetector;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The demo's story ({@link DemoStory}, the one the live demo sends through the server) played on
 * virtual time through the real detector, breaker, panic clock and decider, printed as a
 * timeline. Deterministic for a seed.
 */
final class ConsoleStory {
  static final Instant START = Instant.parse("2026-03-01T16:30:00Z");
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_CLOCK =
      DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private static final int ATTENTION = 5;

  private final PrintWriter out;
  private final Scenario story;
  private final List<DemoMatch> matches;
  private final long minutes;
  private final int requestsPerSecond;
  private final long everyMinutes;
  private final long seed;

  /**
   * @param minutes how much of the story to play; its own length when it is the scenario's
   */
  ConsoleStory(PrintWriter out, Scenario story, long minutes, int requestsPerSecond,
      long everyMinutes, long seed) {
    this.out = out;
    this.story = story;
    this.matches = DemoStory.matches(story);
    this.minutes = minutes;
    this.requestsPerSecond = requestsPerSecond;
    this.everyMinutes = everyMinutes;
    this.seed = seed;
  }

  /** Plays the story and returns its totals. */
  StoryTotals play() {
    ManualTicker ticker = new ManualTicker(START);
    VixDetector vix = new VixDetector(VixConfig.ofDefaults(), ticker);
    PanicBreaker breaker = PanicBreaker.of(BreakerConfig.ofDefaults(), ticker);
    Decider decider = new Decider(DecisionEngine.ofDefaults(), vix, breaker, new LocalPanicClock(),
        StakesClassifier.ofDefaults(), ticker);
    OddsFeed feed = new OddsFeed(vix, seed);
    SplittableRandom traffic = new SplittableRandom(seed + 1);
    StoryTotals totals = new StoryTotals();
    Map<String, Integer> lastTier = new HashMap<>();
    Map<String, Decision> latest = new HashMap<>();
    breaker.addListener(t -> event(ticker, String.format(Locale.ROOT,
        "breaker %s -> %s (panic ratio %.2f over %d samples)",
        t.from(), t.to(), t.panicRatio(), t.samples())));

    header();
    for (long second = 0; second < minutes * 60; second++) {
      long minute = second / 60;
      if (second % 60 == 0) {
        storyEvents(ticker, minute);
      }
      feed.tick(matches, second, ticker.epochMillis());
      for (int r = 0; r < requestsPerSecond; r++) {
        DemoMatch match = pick(traffic, minute);
        String market = match.markets().get(traffic.nextInt(match.markets().size()));
        MatchContext ctx = match.context(START, market);
        Decision d = decider.decide(ctx);
        totals.count(d);
        latest.put(match.id(), d);
        Integer before = lastTier.put(match.id(), d.tier());
        if (before != null && before != d.tier()) {
          event(ticker, String.format(Locale.ROOT, "%s tier %d -> %d (%s, %s stakes, TTL %ds)",
              match.id(), before, d.tier(), d.panicMode(), d.stakes(), d.ttlSeconds()));
        }
      }
      if (second % (everyMinutes * 60) == 0) {
        row(ticker, minute, latest, breaker.state());
      }
      ticker.advanceSeconds(1);
    }
    totals.print(out);
    out.flush();
    return totals;
  }

  /** Attention follows the panic: a volatile match draws five times the requests of a calm one. */
  private DemoMatch pick(SplittableRandom random, long minute) {
    int total = 0;
    for (DemoMatch m : matches) {
      total += m.volatileAt(minute) ? ATTENTION : 1;
    }
    int draw = random.nextInt(total);
    for (DemoMatch m : matches) {
      draw -= m.volatileAt(minute) ? ATTENTION : 1;
      if (draw < 0) {
        return m;
      }
    }
    throw new AssertionError("unreachable");
  }

  private void header() {
    out.println("oddscache demo --console: the story of ./oddscache demo (" + story.name()
        + ", " + story.durationMinutes() + " min),");
    out.println("on virtual time through the real decider (" + requestsPerSecond
        + " requests/s, " + minutes + " minutes):");
    for (DemoMatch m : matches) {
      out.println("  " + m.id() + " (" + m.name() + ", " + m.competition() + ", "
          + StakesClassifier.ofDefaults().classify(m.competition(), m.name(), null)
          + " stakes, kickoff " + at(m.kickoffMinute()) + "): "
          + (m.panicFromMinute() < 0 ? "calm"
              : "PANIC " + at(m.panicFromMinute()) + "-" + at(m.panicToMinute()) + " ("
                  + (m.panicToMinute() - m.panicFromMinute()) + " min)"));
    }
    out.println(TierLegend.text());
    out.println();
    DemoMatch first = matches.get(0);
    DemoMatch second = matches.size() > 1 ? matches.get(1) : null;
    out.printf(Locale.ROOT, "%-5s  %-28s  %-28s  %-26s%n", "time",
        first.id() + " zone/status/TTL/tier",
        second == null ? "" : second.id() + " status/TTL/tier", "breaker mode (panic ratio)");
  }

  /** {@code HH:mm} of a story minute, with the date when it is not the story's first day. */
  private static String at(long minute) {
    Instant t = START.plusSeconds(minute * 60);
    return t.atZone(ZoneOffset.UTC).toLocalDate().equals(START.atZone(ZoneOffset.UTC)
        .toLocalDate()) ? CLOCK.format(t) : DAY_CLOCK.format(t);
  }

  private void storyEvents(ManualTicker ticker, long minute) {
    for (Scenario.EventSpec e : story.events()) {
      if (Math.round(e.atMinute()) == minute) {
        event(ticker, e.match() + " " + e.type() + " (match event)");
      }
    }
  }

  private void row(ManualTicker ticker, long minute, Map<String, Decision> latest,
      BreakerSnapshot breaker) {
    Decision clasico = latest.get(matches.get(0).id());
    Decision psg = matches.size() > 1 ? latest.get(matches.get(1).id()) : null;
    out.printf(Locale.ROOT, "%-5s  %-28s  %-28s  %s (%.2f)%n",
        CLOCK.format(ticker.instant()),
        clasico == null ? "-" : clasico.zone() + " " + clasico.status() + " " + clasico.ttlSeconds()
            + "s t" + clasico.tier(),
        psg == null ? "-" : psg.status() + " " + psg.ttlSeconds() + "s t" + psg.tier(),
        breaker.mode(), breaker.panicRatio());
  }

  private void event(ManualTicker ticker, String text) {
    out.println("  " + CLOCK.format(ticker.instant()) + "  * " + text);
  }
}
