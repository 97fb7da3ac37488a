package dev.oddscache.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.TickResult;
import dev.oddscache.vix.VixDetector;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/odds}: a JSON array of ticks {@code {"match","market","selection","odds","ts"}}
 * into the volatility detector, at most {@value #MAX_TICKS} a body. Each bad tick is rejected with
 * its index and a reason naming the field; the good ones are accepted — nothing is lost because
 * of a neighbour.
 */
final class OddsRoutes {
  static final int MAX_TICKS = 10_000;

  private final VixDetector vix;

  OddsRoutes(VixDetector vix) {
    this.vix = vix;
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
    List<Map<String, Object>> rejected = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < body.size(); i++) {
      String reason;
      try {
        TickResult result = vix.accept(tick(body.get(i)));
        reason = switch (result.outcome()) {
          case ACCEPTED -> null;
          case REJECTED -> result.reason();
          case OUT_OF_ORDER -> "ts is older than this selection's last tick: ignored";
        };
      } catch (IllegalArgumentException e) {
        reason = e.getMessage();
      }
      if (reason == null) {
        accepted++;
      } else {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("index", i);
        r.put("reason", reason);
        rejected.add(r);
      }
    }
    ctx.json(result(accepted, rejected));
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
      throw new IllegalArgumentException("ts is required (ISO-8601 or epoch millis)");
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      long millis = value.asLong();
      if (millis < 0 || millis > 32503680000000L) {
        throw new IllegalArgumentException(
            "ts must be epoch millis between 1970 and 3000, got " + millis);
      }
      return millis;
    }
    if (value.isTextual()) {
      try {
        return Instant.parse(value.asText()).toEpochMilli();
      } catch (DateTimeParseException | ArithmeticException e) {
        throw new IllegalArgumentException("ts must be ISO-8601 like 2026-03-01T20:00:00Z or epoch"
            + " millis, got '" + value.asText() + "'");
      }
    }
    throw new IllegalArgumentException("ts must be ISO-8601 or epoch millis, got " + value);
  }
}
