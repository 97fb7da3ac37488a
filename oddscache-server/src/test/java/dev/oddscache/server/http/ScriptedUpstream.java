package dev.oddscache.server.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A real HTTP upstream whose answers each test scripts per path, recording every request it gets
 * (method, path, headers, body): what the proxy sent on, and how often.
 */
final class ScriptedUpstream implements AutoCloseable {
  /** One request as the upstream saw it; header names in lower case. */
  record Seen(String method, String path, Map<String, String> headers, String body) {}

  private final Javalin app;
  private final Map<String, Consumer<Context>> routes = new ConcurrentHashMap<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  ScriptedUpstream() {
    app = Javalin.create(c -> c.showJavalinBanner = false);
    for (HandlerType type : List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST,
        HandlerType.PUT, HandlerType.DELETE, HandlerType.PATCH)) {
      app.addHttpHandler(type, "/<path>", this::handle);
    }
    app.start("127.0.0.1", 0);
  }

  private void handle(Context ctx) {
    Map<String, String> headers = new java.util.TreeMap<>();
    ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
    String path = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    seen.add(new Seen(ctx.method().name(), path, headers, ctx.body()));
    Consumer<Context> route = routes.get(ctx.path());
    if (route == null) {
      ctx.status(404).result("no script for " + ctx.path());
      return;
    }
    route.accept(ctx);
  }

  /** Scripts the answer to every request for {@code path} (no query). */
  ScriptedUpstream on(String path, Consumer<Context> answer) {
    routes.put(path, answer);
    return this;
  }

  long count(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).count();
  }

  Seen last() {
    return seen.get(seen.size() - 1);
  }

  String url() {
    return "http://127.0.0.1:" + app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
