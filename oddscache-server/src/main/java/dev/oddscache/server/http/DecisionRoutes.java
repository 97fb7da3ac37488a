package dev.oddscache.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.decision.Decider;
import dev.oddscache.decision.Decision;
import dev.oddscache.panic.PanicClock;
import dev.oddscache.quota.PanicState;
import dev.oddscache.quota.Stakes;
import dev.oddscache.server.json.DecisionJson;
import dev.oddscache.zone.Zone;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * {@code POST /v1/decisions}: the TTL decision for a described request, from live state
 * (detector, breaker, panic clock) unless {@code status}, {@code panicMinutes}, {@code
 * breakerMode} or {@code baseTtlSeconds} override it, as {@code explain} does. Records nothing.
 */
final class DecisionRoutes {
  /** Stands for "no match" so the context can still carry competition and markets. */
  static final String NO_MATCH = "_";

  private final Decider decider;

  DecisionRoutes(Decider decider) {
    this.decider = decider;
  }

  void postDecision(Context ctx) {
    JsonNode body = JsonBodies.read(ctx);
    JsonBodies.requireObject(body, "decision request");
    ctx.json(DecisionJson.toMap(decide(body)));
  }

  Decision decide(JsonNode body) {
    String match = JsonBodies.text(body, "match");
    String matchId = match == null || match.isBlank() ? NO_MATCH : match;
    MatchContext.Builder b = MatchContext.builder(matchId)
        .competition(JsonBodies.text(body, "competition"))
        .name(JsonBodies.text(body, "name"));
    String stakes = JsonBodies.text(body, "stakes");
    if (stakes != null) {
      b.stakes(parse("stakes", () -> Stakes.parse("stakes", stakes)));
    }
    JsonNode kickoff = body.get("kickoff");
    if (kickoff != null && !kickoff.isNull()) {
      try {
        b.kickoff(Instants.parse("kickoff", kickoff));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("kickoff must be " + Instants.FORMS, "kickoff", e.getMessage());
      }
    }
    JsonNode markets = body.get("markets");
    if (markets != null && !markets.isNull()) {
      if (!markets.isArray()) {
        throw ApiError.badRequest("markets must be an array of strings", "markets",
            markets.toString());
      }
      for (JsonNode m : markets) {
        if (!m.isTextual() || m.asText().isBlank()) {
          throw ApiError.badRequest("markets must be non-blank strings", "markets", m.toString());
        }
        b.markets(m.asText());
      }
    }
    MatchContext context = b.build();
    long now = decider.ticker().epochMillis();

    String statusText = JsonBodies.text(body, "status");
    Double panicMinutes = JsonBodies.number(body, "panicMinutes");
    Status status = statusText != null
        ? parse("status", () -> Status.parse("status", statusText))
        : panicMinutes != null ? Status.PANIC : decider.statusOf(context, now);
    if (panicMinutes != null && (panicMinutes < 0 || status != Status.PANIC)) {
      throw ApiError.badRequest("panicMinutes needs status PANIC and a value >= 0", "panicMinutes",
          panicMinutes + " with status " + status);
    }
    String modeText = JsonBodies.text(body, "breakerMode");
    BreakerMode mode = modeText != null
        ? parse("breakerMode", () -> BreakerMode.parse("breakerMode", modeText))
        : decider.breaker().mode();
    Double baseTtl = JsonBodies.number(body, "baseTtlSeconds");
    if (baseTtl != null
        && (baseTtl < 0 || baseTtl != Math.floor(baseTtl) || baseTtl > 86_400 * 365)) {
      throw ApiError.badRequest("baseTtlSeconds must be a whole number of seconds >= 0",
          "baseTtlSeconds", baseTtl.toString());
    }

    PanicState panic = PanicState.NONE;
    if (status == Status.PANIC) {
      if (panicMinutes != null) {
        panic = PanicState.lasting(Duration.ofMillis(Math.round(panicMinutes * 60_000)));
      } else if (!context.matchId().equals(NO_MATCH)) {
        long start = decider.panicClock().panicStart(context.matchId(), now);
        panic = start == PanicClock.NO_PANIC ? PanicState.NONE
            : PanicState.lastingMillis(Math.max(0, now - start));
      }
    }
    Zone zone = decider.engine().zones().zoneOf(context.kickoff(), now);
    Stakes s = decider.stakesOf(context);
    return baseTtl == null
        ? decider.engine().decide(zone, status, mode, panic, s)
        : decider.engine().decide(zone, baseTtl.longValue(), status, mode, panic, s);
  }

  private static <T> T parse(String field, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid " + field, field, e.getMessage());
    }
  }
}
