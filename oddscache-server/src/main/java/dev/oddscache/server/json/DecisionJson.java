package dev.oddscache.server.json;

import dev.oddscache.decision.Decision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON shape of a decision, shared by {@code explain --json} and {@code POST /v1/decisions}:
 * fixed key order, enum values upper case.
 */
public final class DecisionJson {
  private DecisionJson() {}

  public static Map<String, Object> toMap(Decision d) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("ttlSeconds", d.ttlSeconds());
    json.put("zone", d.zone().name());
    json.put("baseTtlSeconds", d.baseTtlSeconds());
    json.put("status", d.status().name());
    json.put("breakerMode", d.breakerMode().name());
    json.put("breakerFloorSeconds", d.breakerFloorSeconds());
    json.put("panicMode", d.panicMode().name());
    json.put("tier", d.tier());
    json.put("stakes", d.stakes().name());
    json.put("panicDurationMinutes", d.panicDurationMinutes());
    json.put("quotaTtlSeconds", d.quotaTtlSeconds());
    json.put("alert", d.alert());
    json.put("reasons", d.reasons());
    return json;
  }
}
