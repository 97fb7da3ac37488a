package dev.oddscache.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oddscache.redis.feed.FeedEvent;
import dev.oddscache.server.fleet.TickIntake;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.TickResult;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/odds}: a JSON array of ticks {@code {"match","market","selection","odds","ts"}}
 * into the volatility detector (with Redis, through the fleet's feed into every instance's), at
 * most {@value #MAX_TICKS} a body. Each bad tick is rejected with
 * its index and a reason naming the field; the good ones are accepted — nothing is lost because
 * of a neighbour.
 */
final class OddsRoutes {
  static final int MAX_TICKS = 10_000;

  private final TickIntake intake;

  OddsRoutes(TickIntake intake) {
    this.intake = intake;
  }

  void postOdds(Context ctx) {
    JsonNode body = JsonBodies.read(ctx);
    if (!body.isArray()) {
      throw ApiError.badRequest("body must be a JSON array of ticks", "body",
          body.getNodeType().toString());
    }
    if (body.size() > MAX_TICKS) {
      throw new ApiError(413, "too many ticks in one body", "body",
          "at most " + MAX_TICKS + " per request, got " + body.size());
    }
    // Every tick is checked here, at once; the valid ones then go to the detector, or through
    // the fleet's feed, in body order.
    String[] reasons = new String[body.size()];
    List<FeedEvent> events = new ArrayList<>(body.size());
    int[] indexes = new int[body.size()];
    for (int i = 0; i < body.size(); i++) {
      try {
        OddsTick tick = tick(body.get(i));
        TickResult invalid = intake.rejection(tick);
        if (invalid != null) {
          reasons[i] = reason(invalid);
        } else {
          indexes[events.size()] = i;
          events.add(new FeedEvent.Tick(tick));
        }
      } catch (IllegalArgumentException e) {
        reasons[i] = e.getMessage();
      }
    }
    TickResult[] results = intake.take(events);
    for (int j = 0; j < results.length; j++) {
      // Null: on the fleet's stream, not back yet; accepted, applied when it comes.
      reasons[indexes[j]] = results[j] == null ? null : reason(results[j]);
    }
    List<Map<String, Object>> rejected = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < reasons.length; i++) {
      if (reasons[i] == null) {
        accepted++;
      } else {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("index", i);
        r.put("reason", reasons[i]);
        rejected.add(r);
      }
    }
    ctx.json(result(accepted, rejected));
  }

  private static String reason(TickResult result) {
    return switch (result.outcome()) {
      case ACCEPTED -> null;
      // The detector names its own field; a body's timestamp is its ts.
      case REJECTED -> result.field().equals("timestampMillis")
          ? "ts: " + result.reason() : result.reason();
      case OUT_OF_ORDER -> "ts is older than this selection's last tick: ignored";
    };
  }

  static Map<String, Object> result(int accepted, List<Map<String, Object>> rejected) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("accepted", accepted);
    json.put("rejected", rejected);
    return json;
  }

  private static OddsTick tick(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("tick must be a JSON object, got "
          + (node == null ? "nothing" : node.getNodeType()));
    }
    return new OddsTick(field(node, "match"), field(node, "market"), field(node, "selection"),
        odds(node), ts(node));
  }

  private static String field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(name + " is required");
    }
    if (!value.isTextual() && !value.isNumber()) {
      throw new IllegalArgumentException(name + " must be a string, got " + value.getNodeType());
    }
    return value.asText();
  }

  private static double odds(JsonNode node) {
    JsonNode value = node.get("odds");
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("odds is required");
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    if (value.isTextual()) {
      // "NaN" and friends arrive as text; the detector rejects them with its own reason.
      try {
        return Double.parseDouble(value.asText());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("odds must be a number, got '" + value.asText() + "'");
      }
    }
    throw new IllegalArgumentException("odds must be a number, got " + value.getNodeType());
  }

  private static long ts(JsonNode node) {
    JsonNode value = node.get("ts");
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("ts is required (" + Instants.FORMS + ")");
    }
    Instant ts = Instants.parse("ts", value);
    try {
      return ts.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("ts must be " + Instants.FORMS + " within epoch millis,"
          + " got '" + value.asText() + "'");
    }
  }
}
