package dev.oddscache.tools.demo;

import io.javalin.Javalin;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A synthetic prediction backend for the demo: every call "computes" for about
 * {@code latencyMillis} (±20%, without holding a thread) and returns a JSON prediction. It counts
 * its own load, so the demo can show what the cache spared it.
 */
final class DemoUpstream implements AutoCloseable {
  private final Javalin app;
  private final ScheduledExecutorService clock =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-upstream-clock");
        t.setDaemon(true);
        return t;
      });
  private final LongAdder calls = new LongAdder();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  DemoUpstream(int latencyMillis) {
    app = Javalin.create(c -> c.showJavalinBanner = false);
    app.get("/predictions/{match}/{market}/{key}", ctx -> {
      calls.increment();
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      String body =
          prediction(ctx.pathParam("match"), ctx.pathParam("market"), ctx.pathParam("key"));
      CompletableFuture<String> done = new CompletableFuture<>();
      double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
      long delay = Math.round(latencyMillis * jitter);
      clock.schedule(() -> {
        inFlight.decrementAndGet();
        done.complete(body);
      }, delay, TimeUnit.MILLISECONDS);
      ctx.contentType("application/json");
      ctx.future(() -> done.thenAccept(ctx::result));
    });
    app.start("127.0.0.1", 0);
  }

  private static String prediction(String match, String market, String key) {
    double home = 0.30 + ThreadLocalRandom.current().nextDouble() * 0.3;
    double draw = (1 - home) * 0.45;
    return String.format(java.util.Locale.ROOT,
        "{\"match\":\"%s\",\"market\":\"%s\",\"key\":\"%s\","
            + "\"home\":%.4f,\"draw\":%.4f,\"away\":%.4f}",
        match, market, key, home, draw, 1 - home - draw);
  }

  String url() {
    return "http://127.0.0.1:" + app.port();
  }

  long calls() {
    return calls.sum();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  @Override
  public void close() {
    app.stop();
    clock.shutdownNow();
  }
}
