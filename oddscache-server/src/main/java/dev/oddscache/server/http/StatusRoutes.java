package dev.oddscache.server.http;

import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerSnapshot;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.Pressure;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.quota.PanicQuota;
import dev.oddscache.server.fleet.FleetView;
import dev.oddscache.server.settings.DemoClock;
import dev.oddscache.store.StoreHealth;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /v1/status}, {@code /v1/timeline}, {@code /metrics} and the health checks. */
final class StatusRoutes {
  private final OddsCache<?> cache;
  private final Timeline timeline;
  private final PrometheusMeterRegistry registry;
  private final BreakerConfig breakerConfig;
  /** With Redis, the fleet's instances and panics; else null. */
  private final FleetView fleet;
  private final PanicQuota quota;
  private final Supplier<DemoClock> shown;
  private final TimelineMarks marks;

  StatusRoutes(OddsCache<?> cache, Timeline timeline, PrometheusMeterRegistry registry,
      BreakerConfig breakerConfig, FleetView fleet, PanicQuota quota, Supplier<DemoClock> shown,
      TimelineMarks marks) {
    this.cache = cache;
    this.timeline = timeline;
    this.registry = registry;
    this.breakerConfig = breakerConfig;
    this.fleet = fleet;
    this.quota = quota;
    this.shown = shown;
    this.marks = marks;
  }

  void status(Context ctx) {
    ctx.json(status(PanicListing.Page.of(ctx.queryParam("panicsOffset"),
        ctx.queryParam("panicsLimit"))));
  }

  Map<String, Object> status() {
    return status(PanicListing.Page.FIRST);
  }

  /** The document with one page of the panicking matches. */
  Map<String, Object> status(PanicListing.Page page) {
    BreakerSnapshot b = cache.breaker().state();
    Map<String, Object> breaker = new LinkedHashMap<>();
    breaker.put("mode", cache.breaker().mode().name());
    breaker.put("panicRatio", b.panicRatio());
    breaker.put("samples", b.samples());
    breaker.put("windowFull", b.windowFull());
    // In the clock durations are shown in: the demo's compressed 30 s window is its 30 minutes.
    breaker.put("windowSeconds",
        shown.get().millis(breakerConfig.window().toMillis()) / 1000.0);

    long now = cache.decider().ticker().epochMillis();
    PanicClock clock = cache.decider().panicClock();

    StoreHealth health = cache.store().health();
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("kind", cache.store().kind());
    store.put("healthy", health == StoreHealth.HEALTHY);
    store.put("fallback", health != StoreHealth.HEALTHY || clock.inFallback());

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("clock", clock(now));
    json.put("breaker", breaker);
    PanicListing.write(json, cache.decider().panickingMatches(), clock, now, page, quota,
        shown.get());
    if (fleet != null) {
      // The fleet's panics too, each with its shared start: not only the matches served here.
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> listed = (List<Map<String, Object>>) json.get("panics");
      json.put("panics", fleet.withFleetPanics(listed, now));
    }
    json.put("store", store);
    if (fleet != null) {
      json.put("instances", fleet.instances());
      json.put("feed", fleet.feed());
    }
    json.put("pressure", pressure(cache.pressure()));
    json.put("freshness", cache.config().freshness().name());
    return json;
  }

  /**
   * The clock durations are shown in: its speed (1 on real time) and, in the demo, when the story
   * started (real epoch millis) and how much story time has passed since, in milliseconds.
   */
  private Map<String, Object> clock(long now) {
    DemoClock shown = this.shown.get();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("speed", shown.speed());
    if (shown.isAccelerated()) {
      json.put("startMillis", shown.startEpochMillis());
      json.put("elapsedMillis", shown.millis(Math.max(0, now - shown.startEpochMillis())));
    }
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
    List<TimelineSample> samples = timeline.last(seconds);
    json.put("thresholds", thresholds);
    json.put("clock", clock(cache.decider().ticker().epochMillis()));
    json.put("seconds", samples);
    // Markers from one second before the first sample: that sample covers the second before it.
    json.put("marks", marks.since(samples.isEmpty() ? Long.MAX_VALUE : samples.get(0).t() - 1000));
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
