package dev.oddscache.server.http;

import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerSnapshot;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.Pressure;
import dev.oddscache.decision.Decision;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.store.StoreHealth;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code /v1/status}, {@code /v1/timeline}, {@code /metrics} and the health checks. */
final class StatusRoutes {
  private final OddsCache<?> cache;
  private final Timeline timeline;
  private final PrometheusMeterRegistry registry;
  private final BreakerConfig breakerConfig;

  StatusRoutes(OddsCache<?> cache, Timeline timeline, PrometheusMeterRegistry registry,
      BreakerConfig breakerConfig) {
    this.cache = cache;
    this.timeline = timeline;
    this.registry = registry;
    this.breakerConfig = breakerConfig;
  }

  void status(Context ctx) {
    ctx.json(status());
  }

  Map<String, Object> status() {
    BreakerSnapshot b = cache.breaker().state();
    Map<String, Object> breaker = new LinkedHashMap<>();
    breaker.put("mode", cache.breaker().mode().name());
    breaker.put("panicRatio", b.panicRatio());
    breaker.put("samples", b.samples());
    breaker.put("windowFull", b.windowFull());

    long now = cache.decider().ticker().epochMillis();
    PanicClock clock = cache.decider().panicClock();
    List<Map<String, Object>> panics = new ArrayList<>();
    Map<String, Decision> panicking = new TreeMap<>(cache.decider().panickingMatches());
    for (Map.Entry<String, Decision> e : panicking.entrySet()) {
      long since = clock.panicStart(e.getKey(), now);
      if (since == PanicClock.NO_PANIC) {
        continue;
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("match", e.getKey());
      p.put("sinceMillis", since);
      p.put("minutes", Math.round((now - since) / 6_000.0) / 10.0);
      p.put("tier", e.getValue().tier());
      p.put("stakes", e.getValue().stakes().name());
      panics.add(p);
    }

    StoreHealth health = cache.store().health();
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("kind", cache.store().kind());
    store.put("healthy", health == StoreHealth.HEALTHY);
    store.put("fallback", health != StoreHealth.HEALTHY || clock.inFallback());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("breaker", breaker);
    json.put("panics", panics);
    json.put("store", store);
    json.put("pressure", pressure(cache.pressure()));
    json.put("freshness", cache.config().freshness().name());
    return json;
  }

  /** Whether the backend is under pressure, so that protection floors hold drifted values. */
  private static Map<String, Object> pressure(Pressure p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("underPressure", p.underPressure());
    json.put("occupancy", p.occupancy());
    json.put("waiting", p.waiting());
    json.put("latencyRatio", p.latencyRatio());
    json.put("loadsPerSecond", p.loadsPerSecond());
    json.put("reason", p.reason());
    return json;
  }

  void timeline(Context ctx) {
    String param = ctx.queryParam("seconds");
    int seconds = 300;
    if (param != null) {
      try {
        seconds = Integer.parseInt(param.trim());
      } catch (NumberFormatException e) {
        seconds = -1;
      }
      if (seconds < 1 || seconds > Timeline.CAPACITY) {
        throw ApiError.badRequest(
            "seconds must be a whole number in [1, " + Timeline.CAPACITY + "]", "seconds", param);
      }
    }
    Map<String, Object> thresholds = new LinkedHashMap<>();
    thresholds.put("exitHighVolatility", breakerConfig.exitHighVolatility());
    thresholds.put("enterHighVolatility", breakerConfig.enterHighVolatility());
    thresholds.put("closeCircuit", breakerConfig.closeCircuit());
    thresholds.put("openCircuit", breakerConfig.openCircuit());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("thresholds", thresholds);
    json.put("seconds", timeline.last(seconds));
    ctx.json(json);
  }

  void metrics(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
    ctx.result(registry.scrape());
  }

  void live(Context ctx) {
    ctx.json(Map.of("status", "up"));
  }

  /**
   * Ready while the process can serve. A store outage does not make it unready — requests still
   * succeed through the fallbacks — it reports {@code degraded}; {@code ?strict=true} turns that
   * into a 503 for deployments that prefer to drain such an instance.
   */
  void ready(Context ctx) {
    StoreHealth health = cache.store().health();
    boolean fallback = cache.decider().panicClock().inFallback();
    String status = health == StoreHealth.HEALTHY && !fallback ? "ready" : "degraded";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", status);
    json.put("store", health.name());
    json.put("panicClockFallback", fallback);
    if ("true".equalsIgnoreCase(ctx.queryParam("strict")) && !status.equals("ready")) {
      ctx.status(503);
    }
    ctx.json(json);
  }
}
