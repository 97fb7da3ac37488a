package dev.oddscache.tools.demo;

import dev.oddscache.breaker.BreakerSnapshot;
import dev.oddscache.server.http.OddscacheServer;
import dev.oddscache.server.settings.DemoClock;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.tools.sim.Scenario;
import dev.oddscache.tools.sim.ScenarioReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code oddscache demo}: the server with the in-memory store in front of a synthetic backend,
 * real HTTP traffic replaying the bundled scenario on an accelerated clock, and a line on the
 * console every few seconds while the dashboard shows the panic, the breaker and the tiers.
 */
final class LiveDemo {
  static final String SCENARIO = "/scenarios/demo-live.json";

  private final PrintWriter out;
  private final double speed;
  private final int rate;
  private final int port;
  private final int summaryEverySeconds;

  LiveDemo(PrintWriter out, double speed, int rate, int port, int summaryEverySeconds) {
    this.out = out;
    this.speed = speed;
    this.rate = rate;
    this.port = port;
    this.summaryEverySeconds = summaryEverySeconds;
  }

  /** What a run showed, for the closing summary and the tests. */
  record Totals(long requests, long errors, long skipped, long backendCalls, int backendMaxInFlight,
      Set<String> breakerModes, Map<String, Integer> maxTiers, Map<String, Long> byCache) {}

  /**
   * Plays the scenario; returns when it is over if {@code exitWhenDone}, else serves until
   * {@code stop} counts down (Ctrl-C).
   */
  Totals run(boolean exitWhenDone, CountDownLatch stop) throws InterruptedException {
    Scenario scenario = ScenarioReader.parse(resource(SCENARIO));
    StoryEvents story = new StoryEvents(scenario);
    try (DemoUpstream upstream = new DemoUpstream(scenario.backend().latencyMs());
        OddscacheServer server = startServer(upstream)) {
      // The story's clock starts once the server is up, with the traffic: story minute 10 is
      // 10 real seconds after the first request, on the terminal and on the dashboard alike.
      AcceleratedTicker ticker = new AcceleratedTicker(speed);
      server.showDurationsIn(DemoClock.accelerated(speed, ticker.startEpochMillis()));
      return play(scenario, story, ticker, upstream, server, exitWhenDone, stop);
    }
  }

  private Totals play(Scenario scenario, StoryEvents story, AcceleratedTicker ticker,
      DemoUpstream upstream, OddscacheServer server, boolean exitWhenDone, CountDownLatch stop)
      throws InterruptedException {
    DemoClock shown = server.shown();
    try (TrafficDriver traffic = new TrafficDriver(server.url(), scenario, ticker, rate)) {
      Set<String> modes = new LinkedHashSet<>(List.of("NORMAL"));
      Map<String, Integer> maxTiers = new LinkedHashMap<>();
      server.cache().breaker().addListener(t -> {
        modes.add(t.to().name());
        line(ticker, String.format(Locale.ROOT, "breaker %s -> %s (panic ratio %.2f)",
            t.from(), t.to(), t.panicRatio()));
      });
      out.println();
      out.println("oddscache demo: open " + server.url() + "/ to watch the dashboard");
      out.printf(Locale.ROOT,
          "replaying %s at %.0fx speed: %d min of match day in %.0f s, %d requests/s"
              + " through %s/p/... to a synthetic backend (%d ms per call).%n"
              + "demo time runs %.0fx: one real second is %s of the story. Every duration shown"
              + " here and on the dashboard (panic minutes, the breaker's %s window, tier"
              + " bounds, kickoff zones) is in demo time; TTLs and served ages stay real"
              + " seconds. Ctrl-C stops.%n%n",
          scenario.name(), speed, scenario.durationMinutes(),
          scenario.durationMinutes() * 60 / speed, rate, server.url(),
          scenario.backend().latencyMs(), speed, storySpan(speed),
          storySpan(shown.millis(server.cache().breaker().config().window().toMillis()) / 1000.0));
      out.flush();
      traffic.start();
      Map<String, Integer> tiers = new LinkedHashMap<>();
      long lastRequests = 0;
      long lastCalls = 0;
      int second = 0;
      while (ticker.minutes() < scenario.durationMinutes()) {
        if (stop.await(1, TimeUnit.SECONDS)) {
          break;
        }
        second++;
        for (StoryEvents.Step step : story.reached(ticker.minutes())) {
          line(ticker, step.label());
          if (!step.posted()) {
            // Posted events are marked by the server as they arrive; the story's statuses are not.
            server.marks().add(ticker.startEpochMillis()
                + Math.round(step.minute() * 60_000 / speed), step.label());
          }
        }
        watchTiers(ticker, server, tiers, maxTiers);
        if (second % summaryEverySeconds == 0) {
          long requests = traffic.sent();
          long calls = upstream.calls();
          summary(ticker, server, (requests - lastRequests) / (double) summaryEverySeconds,
              (calls - lastCalls) / (double) summaryEverySeconds, traffic.errors());
          lastRequests = requests;
          lastCalls = calls;
        }
      }
      traffic.close();
      Totals totals = new Totals(traffic.sent(), traffic.errors(), traffic.skipped(),
          upstream.calls(), upstream.maxInFlight(), modes, maxTiers, traffic.byCache());
      closing(totals);
      if (!exitWhenDone && stop.getCount() > 0) {
        out.println("scenario over; the dashboard stays up at " + server.url()
            + "/ (Ctrl-C to stop)");
        out.flush();
        stop.await();
      }
      return totals;
    }
  }

  private OddscacheServer startServer(DemoUpstream upstream) {
    ServerSettings settings = ServerSettings.from(
        DemoSettings.scaled(ServerSettings.ofDefaults(), speed))
        .proxy(p -> p.upstream(URI.create(upstream.url()))).build();
    try {
      return OddscacheServer.start(
          ServerSettings.from(settings).network(n -> n.port(port)).build());
    } catch (RuntimeException e) {
      if (port == 0) {
        throw e;
      }
      out.println("port " + port + " is busy (" + e.getMessage() + "); using a free port instead");
      return OddscacheServer.start(ServerSettings.from(settings).network(n -> n.port(0)).build());
    }
  }

  @SuppressWarnings("unchecked")
  private void watchTiers(AcceleratedTicker ticker, OddscacheServer server,
      Map<String, Integer> tiers, Map<String, Integer> maxTiers) {
    Map<String, Integer> now = new LinkedHashMap<>();
    for (Map<String, Object> p : (List<Map<String, Object>>) server.status().get("panics")) {
      now.put((String) p.get("match"), (Integer) p.get("tier"));
    }
    Set<String> matches = new LinkedHashSet<>(tiers.keySet());
    matches.addAll(now.keySet());
    for (String match : matches) {
      int before = tiers.getOrDefault(match, 0);
      int after = now.getOrDefault(match, 0);
      if (before != after) {
        line(ticker, match + " tier " + before + " -> " + after);
      }
      maxTiers.merge(match, after, Math::max);
    }
    tiers.clear();
    tiers.putAll(now);
  }

  @SuppressWarnings("unchecked")
  private void summary(AcceleratedTicker ticker, OddscacheServer server, double requestsPerSecond,
      double callsPerSecond, long errors) {
    BreakerSnapshot b = server.cache().breaker().state();
    List<String> panics = new ArrayList<>();
    for (Map<String, Object> p : (List<Map<String, Object>>) server.status().get("panics")) {
      // Demo minutes, rounded down as /v1/status does: tier 2 comes with 30m, never with 29.9.
      panics.add(String.format(Locale.ROOT, "%s t%s %dm", p.get("match"), p.get("tier"),
          (long) Math.floor(((Number) p.get("minutes")).doubleValue())));
    }
    out.printf(Locale.ROOT, "[demo %s] %-15s ratio %.2f | panics: %-30s"
            + " | %5.0f req/s -> backend %5.1f/s | errors %d%n",
        demoTime(ticker), server.cache().breaker().mode(), b.panicRatio(),
        panics.isEmpty() ? "none" : String.join(", ", panics), requestsPerSecond, callsPerSecond,
        errors);
    out.flush();
  }

  private void line(AcceleratedTicker ticker, String text) {
    out.printf(Locale.ROOT, "[demo %s] * %s%n", demoTime(ticker), text);
    out.flush();
  }

  /** Story time as {@code mm:ss}, the minutes counting on past 59 like the story's minute. */
  static String demoTime(AcceleratedTicker ticker) {
    long seconds = ticker.nanoTime() / 1_000_000_000L;
    return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
  }

  /** A story duration in seconds as "1 min", "30 min", "2 h". */
  static String storySpan(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    if (s % 3600 == 0) {
      return s / 3600 + " h";
    }
    return s % 60 == 0 ? s / 60 + " min" : String.format(Locale.ROOT, "%.1f min", s / 60.0);
  }

  private void closing(Totals t) {
    out.println();
    out.printf(Locale.ROOT, "%d requests (%d failed), answered %s; the backend computed %d times"
            + " (%.1f%% of requests), at most %d at once.%n",
        t.requests(), t.errors(), t.byCache(), t.backendCalls(),
        t.requests() == 0 ? 0.0 : 100.0 * t.backendCalls() / t.requests(), t.backendMaxInFlight());
    out.println("breaker modes seen: " + t.breakerModes()
        + "; highest tier per match: " + t.maxTiers());
    out.flush();
  }

  private static String resource(String name) {
    try (InputStream in = LiveDemo.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
