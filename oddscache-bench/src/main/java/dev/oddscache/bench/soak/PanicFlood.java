package dev.oddscache.bench.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load of {@code oddscache-bench/panic-flood.sh}: {@code --target URL --matches N
 * [--distinct-paths true]}, one proxied request for each of N distinct made-up match ids, each
 * declared PANIC by its caller ({@code X-Vix-Status}, no token needed), as fast as 32 requests in
 * flight allow. All on one path by default, so that only per-match state grows (the store holds
 * one answer); with distinct paths the store fills up to its own bound too. Prints the answers by
 * status and the elapsed time. Run with {@code java -cp
 * oddscache-bench/target/benchmarks.jar dev.oddscache.bench.soak.PanicFlood}.
 */
public final class PanicFlood {
  private static final int IN_FLIGHT = 32;

  private PanicFlood() {}

  public static void main(String[] args) throws Exception {
    String target = null;
    int matches = 0;
    boolean distinctPaths = false;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--target" -> target = args[i + 1];
        case "--matches" -> matches = Integer.parseInt(args[i + 1]);
        case "--distinct-paths" -> distinctPaths = Boolean.parseBoolean(args[i + 1]);
        default -> {
          System.err.println("PanicFlood: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (target == null || matches < 1) {
      System.err.println("usage: PanicFlood --target URL --matches N [--distinct-paths true]");
      System.exit(2);
    }
    HttpClient client = HttpClient.newBuilder()
        .executor(Executors.newFixedThreadPool(4, r -> {
          Thread t = new Thread(r, "flood-http");
          t.setDaemon(true);
          return t;
        }))
        .connectTimeout(Duration.ofSeconds(5)).build();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    LongAdder failed = new LongAdder();
    long start = System.nanoTime();
    for (int i = 0; i < matches; i++) {
      inFlight.acquire();
      HttpRequest request = HttpRequest.newBuilder(
              URI.create(target + "/p/predictions/flood" + (distinctPaths ? "-" + i : "")))
          .header("X-Match-Id", "flood-" + i)
          .header("X-Competition", "Ligue 1")
          .header("X-Markets", "1x2")
          .header("X-Vix-Status", "PANIC")
          .timeout(Duration.ofSeconds(30))
          .GET().build();
      client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> {
            if (e != null) {
              failed.increment();
            } else {
              byStatus.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
            }
            inFlight.release();
          });
    }
    inFlight.acquire(IN_FLIGHT);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<Integer, Long> statuses = new TreeMap<>();
    byStatus.forEach((k, v) -> statuses.put(k, v.sum()));
    System.out.printf(java.util.Locale.ROOT, "flood: %d match ids in %.1f s, by status %s,"
        + " transport failures %d%n", matches, seconds, statuses, failed.sum());
  }
}
