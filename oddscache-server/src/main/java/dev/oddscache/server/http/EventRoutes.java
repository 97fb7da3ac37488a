package dev.oddscache.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oddscache.Ticker;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.InvalidationReport;
import dev.oddscache.store.StoreException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /v1/events}: {@code {"match","type","market"?}} → the invalidation report. */
final class EventRoutes {
  private final OddsCache<?> cache;
  private final TimelineMarks marks;
  private final Ticker ticker;

  EventRoutes(OddsCache<?> cache, TimelineMarks marks, Ticker ticker) {
    this.cache = cache;
    this.marks = marks;
    this.ticker = ticker;
  }

  void postEvent(Context ctx) {
    JsonNode body = JsonBodies.read(ctx);
    JsonBodies.requireObject(body, "event");
    String match = JsonBodies.text(body, "match");
    if (match == null || match.isBlank()) {
      throw ApiError.badRequest("match is required", "match", "a non-blank match id");
    }
    String type = JsonBodies.text(body, "type");
    EventType event;
    try {
      event = EventType.parse("type", type);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("unknown event type", "type", e.getMessage());
    }
    String market = JsonBodies.text(body, "market");
    InvalidationReport report;
    try {
      report = cache.invalidate(match, event, market);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid event", event == EventType.ODDS_SHOCK ? "market" : "match",
          e.getMessage());
    } catch (StoreException e) {
      throw new ApiError(503, "store unavailable, nothing invalidated", null, e.getMessage());
    }
    marks.add(ticker.epochMillis(), event.name() + " " + match
        + (market == null ? "" : " (" + market + ")"));
    ctx.json(json(report));
  }

  static Map<String, Object> json(InvalidationReport r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("match", r.matchId());
    json.put("event", r.event().name());
    json.put("marketsAffected", r.marketsAffected());
    json.put("keysDeleted", r.keysDeleted());
    json.put("marketsPreserved", r.marketsPreserved());
    json.put("cpuSavedPct", r.cpuSavedPct());
    return json;
  }
}
