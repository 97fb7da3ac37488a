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
 * The Clásico lineup-leak story played on virtual time through the real detector, breaker, panic
 * clock and decider, printed as a timeline. Deterministic for a seed.
 */
final class ConsoleStory {
  static final Instant START = Instant.parse("2026-03-01T16:30:00Z");
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  static final List<DemoMatch> MATCHES = List.of(
      new DemoMatch("rma-fcb", "La Liga", "El Clasico", 150,
          List.of("1x2", "over_under_25", "btts"), 30, 75),
      new DemoMatch("psg-om", "Ligue 1", "PSG - OM", 26 * 60,
          List.of("1x2", "btts"), 20, 140),
      new DemoMatch("ars-che", "Premier League", "Arsenal - Chelsea", 90,
          List.of("1x2", "over_under_25"), -1, -1),
      new DemoMatch("ami-cae", "Ligue 2", "Amiens - Caen", 60 * 30,
          List.of("1x2"), -1, -1));

  private static final int ATTENTION = 5;

  private final PrintWriter out;
  private final long minutes;
  private final int requestsPerSecond;
  private final long everyMinutes;
  private final long seed;

  ConsoleStory(PrintWriter out, long minutes, int requestsPerSecond, long everyMinutes, long seed) {
    this.out = out;
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
      feed.tick(MATCHES, second, ticker.epochMillis());
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
  private static DemoMatch pick(SplittableRandom random, long minute) {
    int total = 0;
    for (DemoMatch m : MATCHES) {
      total += m.volatileAt(minute) ? ATTENTION : 1;
    }
    int draw = random.nextInt(total);
    for (DemoMatch m : MATCHES) {
      draw -= m.volatileAt(minute) ? ATTENTION : 1;
      if (draw < 0) {
        return m;
      }
    }
    throw new AssertionError("unreachable");
  }

  private void header() {
    out.println("oddscache demo: the Clasico lineup leak, on virtual time (" + requestsPerSecond
        + " requests/s, " + minutes + " minutes)");
    out.println("rma-fcb (El Clasico, kickoff 19:00) panics 17:00-17:45; psg-om (Ligue 1) panics"
        + " 16:50-18:50; two calm matches.");
    out.println();
    out.printf(Locale.ROOT, "%-5s  %-28s  %-28s  %-26s%n", "time", "rma-fcb zone/status/TTL/tier",
        "psg-om status/TTL/tier", "breaker mode (panic ratio)");
  }

  private void row(ManualTicker ticker, long minute, Map<String, Decision> latest,
      BreakerSnapshot breaker) {
    Decision clasico = latest.get("rma-fcb");
    Decision psg = latest.get("psg-om");
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
