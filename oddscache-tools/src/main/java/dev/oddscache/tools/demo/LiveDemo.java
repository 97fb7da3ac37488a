package dev.oddscache.tools.demo;

import dev.oddscache.breaker.BreakerSnapshot;
import dev.oddscache.server.http.OddscacheServer;
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
    AcceleratedTicker ticker = new AcceleratedTicker(speed);
    try (DemoUpstream upstream = new DemoUpstream(scenario.backend().latencyMs());
        OddscacheServer server = startServer(upstream);
        TrafficDriver traffic = new TrafficDriver(server.url(), scenario, ticker, rate)) {
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
              + "panic durations are compressed %.0fx"
              + " (breaker window %s, tier bounds, kickoff zones);"
              + " TTLs stay real seconds. Ctrl-C stops.%n%n",
          scenario.name(), speed, scenario.durationMinutes(),
          scenario.durationMinutes() * 60 / speed, rate, server.url(),
          scenario.backend().latencyMs(), speed, server.cache().breaker().config().window());
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
      // /v1/status counts real minutes; the story's are that many times the speed.
      panics.add(String.format(Locale.ROOT, "%s t%s %.0fm", p.get("match"), p.get("tier"),
          ((Number) p.get("minutes")).doubleValue() * speed));
    }
    out.printf(Locale.ROOT, "[min %5.1f] %-15s ratio %.2f | panics: %-30s"
            + " | %5.0f req/s -> backend %5.1f/s | errors %d%n",
        ticker.minutes(), server.cache().breaker().mode(), b.panicRatio(),
        panics.isEmpty() ? "none" : String.join(", ", panics), requestsPerSecond, callsPerSecond,
        errors);
    out.flush();
  }

  private void line(AcceleratedTicker ticker, String text) {
    out.printf(Locale.ROOT, "[min %5.1f] * %s%n", ticker.minutes(), text);
    out.flush();
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
