package dev.oddscache.tools.demo;

import dev.oddscache.tools.sim.Scenario;
import dev.oddscache.tools.sim.ZipfSampler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Real HTTP traffic through the proxy, following a scenario on the demo's accelerated clock: keys
 * by a Zipf law over matches × markets × keys, each request carrying its match context and the
 * scenario's status for its match ({@code X-Vix-Status}); the scenario's events are posted to
 * {@code /v1/events} when their minute comes. Counts answers by {@code X-Cache}.
 */
final class TrafficDriver implements AutoCloseable {
  private static final int TICKS_PER_SECOND = 100;
  private static final int MAX_OUTSTANDING = 512;

  private final String baseUrl;
  private final Scenario scenario;
  private final AcceleratedTicker ticker;
  private final int rate;
  private final List<String[]> keys = new ArrayList<>();
  private final ZipfSampler zipf;
  private final SplittableRandom random;
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(4, daemon("demo-http"));
  private final HttpClient client;
  private final ScheduledExecutorService pacer =
      Executors.newSingleThreadScheduledExecutor(daemon("demo-traffic"));
  private final Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
  private final Map<String, LongAdder> byCache = new ConcurrentHashMap<>();
  private final LongAdder errors = new LongAdder();
  private final LongAdder sent = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private int nextEvent;
  private double owed;

  TrafficDriver(String baseUrl, Scenario scenario, AcceleratedTicker ticker, int rate) {
    this.baseUrl = baseUrl;
    this.scenario = scenario;
    this.ticker = ticker;
    this.rate = rate;
    this.random = new SplittableRandom(scenario.seed());
    this.client = HttpClient.newBuilder().executor(httpThreads)
        .connectTimeout(Duration.ofSeconds(5)).build();
    // Interleave matches so that the most popular ranks are spread over every match.
    int perMatch = 0;
    for (Scenario.MatchSpec m : scenario.matches()) {
      perMatch = Math.max(perMatch, m.markets().size() * scenario.keysPerMarket());
    }
    for (int i = 0; i < perMatch; i++) {
      for (Scenario.MatchSpec m : scenario.matches()) {
        int total = m.markets().size() * scenario.keysPerMarket();
        if (i < total) {
          keys.add(new String[] {m.id(), m.markets().get(i % m.markets().size()),
              Integer.toString(i / m.markets().size())});
        }
      }
    }
    this.zipf = new ZipfSampler(keys.size(), scenario.load().zipfExponent());
  }

  void start() {
    pacer.scheduleAtFixedRate(this::tick, 0, 1000 / TICKS_PER_SECOND, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      double minute = ticker.minutes();
      fireEvents(minute);
      owed += (double) rate / TICKS_PER_SECOND;
      while (owed >= 1) {
        owed -= 1;
        send(keys.get(zipf.sample(random)), minute);
      }
    } catch (RuntimeException e) {
      errors.increment();
    }
  }

  private void send(String[] key, double minute) {
    if (!outstanding.tryAcquire()) {
      skipped.increment();
      return;
    }
    Scenario.MatchSpec match = match(key[0]);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
            baseUrl + "/p/predictions/" + key[0] + "/" + key[1] + "/" + key[2]))
        .timeout(Duration.ofSeconds(10))
        .header("X-Match-Id", match.id())
        .header("X-Competition", match.competition())
        .header("X-Markets", key[1])
        .header("X-Vix-Status", statusOf(match.id(), minute));
    if (match.name() != null) {
      request.header("X-Match-Name", match.name());
    }
    if (match.kickoffAtMinute() != null) {
      // The server runs on real time with zones compressed by the speed: kickoff in real time.
      request.header("X-Kickoff", Instant.ofEpochMilli(ticker.startEpochMillis()
          + Math.round(match.kickoffAtMinute() * 60_000 / ticker.speed())).toString());
    }
    sent.increment();
    client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, error) -> {
          outstanding.release();
          if (error != null || response.statusCode() != 200) {
            errors.increment();
          } else {
            byCache.computeIfAbsent(response.headers().firstValue("X-Cache").orElse("?"),
                k -> new LongAdder()).increment();
          }
        });
  }

  private void fireEvents(double minute) {
    List<Scenario.EventSpec> events = scenario.events();
    while (nextEvent < events.size() && events.get(nextEvent).atMinute() <= minute) {
      Scenario.EventSpec e = events.get(nextEvent++);
      String json = "{\"match\":\"" + e.match() + "\",\"type\":\"" + e.type() + "\""
          + (e.market() == null ? "" : ",\"market\":\"" + e.market() + "\"") + "}";
      client.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/v1/events"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  private String statusOf(String matchId, double minute) {
    String status = "NORMAL";
    for (Scenario.StatusSpan span : scenario.statuses()) {
      if (span.match().equals(matchId) && minute >= span.fromMinute() && minute < span.toMinute()) {
        status = span.status().toUpperCase(Locale.ROOT);
      }
    }
    return status;
  }

  private Scenario.MatchSpec match(String id) {
    for (Scenario.MatchSpec m : scenario.matches()) {
      if (m.id().equals(id)) {
        return m;
      }
    }
    throw new IllegalStateException("unknown match " + id);
  }

  long sent() {
    return sent.sum();
  }

  long errors() {
    return errors.sum();
  }

  /** Requests not sent because 512 were already waiting: the server could not keep up. */
  long skipped() {
    return skipped.sum();
  }

  Map<String, Long> byCache() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    byCache.forEach((k, v) -> counts.put(k, v.sum()));
    return counts;
  }

  @Override
  public void close() {
    pacer.shutdownNow();
    try {
      // Let requests already sent finish, so the final counts are complete.
      outstanding.tryAcquire(MAX_OUTSTANDING, 10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    httpThreads.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
