package dev.oddscache.bench.soak;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The two outside parts of {@code oddscache-bench/soak.sh}, in their own JVMs so that the
 * server's process is measured alone:
 *
 * <ul>
 *   <li>{@code upstream --port-file F [--latency-ms N]}: a synthetic prediction backend answering
 *       any {@code GET /predictions/...} with JSON after about N ms (without holding a thread);
 *       writes its port to F; runs until killed.
 *   <li>{@code load --target URL --rate N --seconds S --stats-file F}: a fixed request rate
 *       through the server for S seconds, then waits for the answers (bounded). The mix: proxied
 *       reads (85%; match ids churn, three new matches a minute, a fifth of them in PANIC, kickoffs
 *       around now so every zone is used), odds ticks (10%), goal events (2%), status, metrics,
 *       timeline and readiness reads (3%). Appends a line every ten seconds to F: requests,
 *       failures (transport errors and 5xx), skipped sends (more than 64 outstanding: the server
 *       fell behind), latency p50/p99/max of the last ten seconds. Exits 1 if any request failed.
 * </ul>
 *
 * Not part of the {@code oddscache} command line; run with
 * {@code java -cp oddscache-bench/target/benchmarks.jar dev.oddscache.bench.soak.SoakLoad}.
 */
public final class SoakLoad {
  /**
   * Requests in flight at most, hence connections at most (HTTP/1.1: one exchange each). Enough
   * for 20 ms answers at thousands a second; when the server stalls, sends beyond it are skipped
   * and counted rather than piling up connections whose buffers would blur the heap samples.
   */
  private static final int MAX_OUTSTANDING = 64;
  private static final int PACER_HZ = 100;
  private static final int REPORT_SECONDS = 10;
  private static final String[] MARKETS = {"1x2", "over_under_25", "btts", "next_goal", "corners"};

  private final String target;
  private final int rate;
  private final long seconds;
  private final Path statsFile;
  private final HttpClient client;
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(4, daemon("soak-http"));
  private final Semaphore outstanding = new Semaphore(MAX_OUTSTANDING);
  private final SplittableRandom random = new SplittableRandom(2026);
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final Map<Integer, LongAdder> byStatus = new java.util.concurrent.ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> firstFailures = new ConcurrentLinkedQueue<>();
  private final long startMillis = System.currentTimeMillis();
  private double owed;

  private SoakLoad(String target, int rate, long seconds, Path statsFile) {
    this.target = target;
    this.rate = rate;
    this.seconds = seconds;
    this.statsFile = statsFile;
    this.client = HttpClient.newBuilder().executor(httpThreads)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String mode = args.length == 0 ? "" : args[0];
    switch (mode) {
      case "upstream" -> upstream(Path.of(required(options, "--port-file")),
          Integer.parseInt(options.getOrDefault("--latency-ms", "20")));
      case "load" -> {
        SoakLoad load = new SoakLoad(required(options, "--target"),
            Integer.parseInt(required(options, "--rate")),
            Long.parseLong(required(options, "--seconds")),
            Path.of(required(options, "--stats-file")));
        System.exit(load.run() ? 0 : 1);
      }
      default -> {
        System.err.println("usage: SoakLoad upstream --port-file F [--latency-ms N]\n"
            + "       SoakLoad load --target URL --rate N --seconds S --stats-file F");
        System.exit(2);
      }
    }
  }

  private static void upstream(Path portFile, int latencyMillis) throws IOException {
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("clock"));
    Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
    app.get("/predictions/<path>", ctx -> {
      double home = 0.3 + ThreadLocalRandom.current().nextDouble() * 0.3;
      String body = String.format(Locale.ROOT, "{\"path\":\"%s\",\"home\":%.4f,\"away\":%.4f}",
          ctx.pathParam("path"), home, 1 - home);
      CompletableFuture<String> done = new CompletableFuture<>();
      clock.schedule(() -> done.complete(body), latencyMillis, TimeUnit.MILLISECONDS);
      ctx.contentType("application/json");
      ctx.future(() -> done.thenAccept(ctx::result));
    });
    app.start("127.0.0.1", 0);
    Files.writeString(portFile, Integer.toString(app.port()));
  }

  /** Runs the load; true when no request failed. */
  private boolean run() throws InterruptedException {
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("pacer"));
    ScheduledExecutorService reporter =
        Executors.newSingleThreadScheduledExecutor(daemon("report"));
    CountDownLatch finished = new CountDownLatch(1);
    long endNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long[] window = {0};
    reporter.scheduleAtFixedRate(() -> report(++window[0] * REPORT_SECONDS), REPORT_SECONDS,
        REPORT_SECONDS, TimeUnit.SECONDS);
    pacer.scheduleAtFixedRate(() -> {
      if (System.nanoTime() >= endNanos) {
        finished.countDown();
        return;
      }
      owed += (double) rate / PACER_HZ;
      while (owed >= 1) {
        owed--;
        send();
      }
    }, 0, 1_000_000 / PACER_HZ, TimeUnit.MICROSECONDS);
    finished.await();
    pacer.shutdownNow();
    // The answers still in flight, bounded: a hung server shows as missing permits.
    boolean drained = outstanding.tryAcquire(MAX_OUTSTANDING, 30, TimeUnit.SECONDS);
    reporter.shutdownNow();
    report(-1);
    if (!drained) {
      failed.add(MAX_OUTSTANDING - outstanding.availablePermits());
    }
    PrintStream out = System.out;
    out.printf(Locale.ROOT, "sent %d, failed %d, skipped %d, by status %s%n", sent.sum(),
        failed.sum(), skipped.sum(), statuses());
    httpThreads.shutdownNow();
    return failed.sum() == 0;
  }

  private void send() {
    if (!outstanding.tryAcquire()) {
      skipped.increment();
      return;
    }
    HttpRequest request = next();
    sent.increment();
    long t0 = System.nanoTime();
    client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
      latenciesMicros.add((System.nanoTime() - t0) / 1000);
      if (e != null || r.statusCode() >= 500) {
        failed.increment();
        if (firstFailures.size() < 10) {
          String failure = Math.round((System.currentTimeMillis() - startMillis) / 1000.0) + " s: "
              + request.method() + " " + request.uri() + " -> "
              + (e != null ? e.toString() : Integer.toString(r.statusCode()));
          firstFailures.add(failure);
          // Printed at once too, so that a run stopped early still tells what failed.
          System.out.println("failure: " + failure);
        }
      }
      if (r != null) {
        byStatus.computeIfAbsent(r.statusCode(), s -> new LongAdder()).increment();
      }
      outstanding.release();
    });
  }

  /** The next request of the mix; called from the pacer thread only. */
  private HttpRequest next() {
    long now = System.currentTimeMillis();
    long elapsedMinutes = (now - startMillis) / 60_000;
    int roll = random.nextInt(100);
    if (roll < 85) {
      // Twenty matches live at a time; three new ones a minute, three gone.
      int match = (int) (elapsedMinutes * 3) + random.nextInt(20);
      String market = MARKETS[random.nextInt(MARKETS.length)];
      int key = Math.min(random.nextInt(20), random.nextInt(20));
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + "/p/predictions/m-" + match
          + "/" + market + "/k" + key))
          .header("X-Match-Id", "m-" + match)
          .header("X-Competition", match % 4 == 0 ? "UEFA Champions League" : "Ligue 1")
          .header("X-Markets", market)
          .header("X-Kickoff", java.time.Instant.ofEpochMilli(now + (match % 7 - 3) * 3_600_000L)
              .toString());
      if (match % 5 == 0) {
        b.header("X-Vix-Status", "PANIC");
      }
      return b.timeout(Duration.ofSeconds(30)).GET().build();
    }
    if (roll < 95) {
      StringBuilder ticks = new StringBuilder("[");
      for (int i = 0; i < 10; i++) {
        ticks.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
            "{\"match\":\"odds-%d\",\"market\":\"%s\",\"selection\":\"s%d\",\"odds\":%.3f,"
                + "\"ts\":%d}", random.nextInt(10), MARKETS[random.nextInt(MARKETS.length)],
            random.nextInt(3), 1.5 + random.nextDouble(), now));
      }
      return post("/v1/odds", ticks.append(']').toString());
    }
    if (roll < 97) {
      int match = (int) (elapsedMinutes * 3) + random.nextInt(20);
      return post("/v1/events", "{\"match\":\"m-" + match + "\",\"type\":\"GOAL\"}");
    }
    String[] reads = {"/v1/status", "/metrics", "/v1/timeline?seconds=60", "/health/ready"};
    return HttpRequest.newBuilder(URI.create(target + reads[random.nextInt(reads.length)]))
        .timeout(Duration.ofSeconds(30)).GET().build();
  }

  private HttpRequest post(String path, String json) {
    return HttpRequest.newBuilder(URI.create(target + path))
        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
  }

  /** Appends a line: counts so far, latencies of the window since the last line (-1: the end). */
  private void report(long second) {
    long[] micros = drainLatencies();
    String line = String.format(Locale.ROOT,
        "second=%d sent=%d failed=%d skipped=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f%n", second,
        sent.sum(), failed.sum(), skipped.sum(), percentile(micros, 0.50) / 1000.0,
        percentile(micros, 0.99) / 1000.0,
        micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0);
    try {
      Files.writeString(statsFile, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("cannot write " + statsFile + ": " + e);
    }
  }

  private long[] drainLatencies() {
    long[] values = new long[latenciesMicros.size()];
    int n = 0;
    for (Long v = latenciesMicros.poll(); v != null && n < values.length;
        v = latenciesMicros.poll()) {
      values[n++] = v;
    }
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    return sorted;
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[(int) Math.max(0, Math.ceil(p * sorted.length) - 1)];
  }

  private Map<Integer, Long> statuses() {
    Map<Integer, Long> copy = new java.util.TreeMap<>();
    byStatus.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      System.err.println("SoakLoad: missing " + name);
      System.exit(2);
    }
    return value;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, "soak-" + name);
      t.setDaemon(true);
      return t;
    };
  }
}
