package dev.oddscache.server.http;

import io.javalin.Javalin;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP backend for the proxy and dashboard tests: counts calls, can fail, can hold a
 * response.
 */
public final class TestUpstream implements AutoCloseable {
  final AtomicInteger calls = new AtomicInteger();
  /** Calls to {@code /flaky/...}, and how many of them failed. */
  final AtomicInteger flakyCalls = new AtomicInteger();
  final AtomicInteger flakyFailures = new AtomicInteger();
  final CountDownLatch slowEntered = new CountDownLatch(1);
  final CompletableFuture<String> slowRelease = new CompletableFuture<>();
  private final Javalin app;

  public TestUpstream() {
    app = Javalin.create(c -> c.showJavalinBanner = false);
    app.get("/predictions/{id}", ctx -> {
      int n = calls.incrementAndGet();
      ctx.contentType("application/json").result("{\"id\":\"" + ctx.pathParam("id")
          + "\",\"n\":" + n + ",\"q\":\""
          + (ctx.queryString() == null ? "" : ctx.queryString()) + "\"}");
    });
    app.get("/headers", ctx -> {
      calls.incrementAndGet();
      ctx.header("X-Upstream-Internal", "secret").header("Set-Cookie", "session=abc")
          .header("Proxy-Authenticate", "Basic").header("Keep-Alive", "timeout=5")
          .contentType("text/plain").result("ok");
    });
    app.get("/missing", ctx -> {
      calls.incrementAndGet();
      ctx.status(404).result("no such thing");
    });
    app.get("/broken", ctx -> {
      calls.incrementAndGet();
      ctx.status(500).result("boom");
    });
    app.get("/flaky/{id}", ctx -> {
      calls.incrementAndGet();
      int n = flakyCalls.incrementAndGet();
      // Exactly 3 calls in 10 fail, spread out, whatever the request order.
      if (n % 10 == 1 || n % 10 == 4 || n % 10 == 7) {
        flakyFailures.incrementAndGet();
        ctx.status(503).result("backend down");
        return;
      }
      ctx.contentType("application/json")
          .result("{\"id\":\"" + ctx.pathParam("id") + "\",\"n\":" + n + "}");
    });
    app.get("/slow", ctx -> {
      calls.incrementAndGet();
      slowEntered.countDown();
      ctx.future(() -> slowRelease.thenAccept(ctx::result));
    });
    app.start("127.0.0.1", 0);
  }

  public String url() {
    return "http://127.0.0.1:" + app.port();
  }

  @Override
  public void close() {
    slowRelease.complete("released");
    app.stop();
  }
}
