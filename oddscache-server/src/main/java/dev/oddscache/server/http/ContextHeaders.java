package dev.oddscache.server.http;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.quota.Stakes;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a request's {@link MatchContext} from the proxy's headers: {@code X-Match-Id}, {@code
 * X-Competition}, {@code X-Match-Name}, {@code X-Kickoff} (ISO-8601 or epoch millis, read as
 * {@link Instants} reads every instant of the API), {@code X-Markets} (comma list), {@code
 * X-Stakes}, {@code X-Vix-Status}. A bad value is a 400 naming the header.
 */
final class ContextHeaders {
  private static final int MAX_HEADER = 256;
  static final int MAX_KICKOFFS = 10_000;

  /**
   * Parsed kickoffs by header text. Clients send the same few kickoffs over and over, and
   * {@code Instant.parse} is a DateTimeFormatter run; only valid ones are kept, and only so many.
   */
  private static final ConcurrentHashMap<String, Instant> KICKOFFS = new ConcurrentHashMap<>();

  private ContextHeaders() {}

  static MatchContext from(Context ctx) {
    String matchId = header(ctx, "X-Match-Id");
    if (matchId == null) {
      return MatchContext.none();
    }
    MatchContext.Builder b = MatchContext.builder(matchId)
        .competition(header(ctx, "X-Competition"))
        .name(header(ctx, "X-Match-Name"));
    String stakes = header(ctx, "X-Stakes");
    if (stakes != null) {
      b.stakes(parse(() -> Stakes.parse("X-Stakes", stakes), "X-Stakes"));
    }
    String kickoff = header(ctx, "X-Kickoff");
    if (kickoff != null) {
      try {
        b.kickoff(kickoff(kickoff));
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest("X-Kickoff must be " + Instants.FORMS, "X-Kickoff",
            e.getMessage());
      }
    }
    String markets = header(ctx, "X-Markets");
    if (markets != null) {
      for (String market : markets.split(",")) {
        if (!market.isBlank()) {
          b.markets(market.trim());
        }
      }
    }
    String status = header(ctx, "X-Vix-Status");
    if (status != null) {
      b.status(parse(() -> Status.parse("X-Vix-Status", status), "X-Vix-Status"));
    }
    return b.build();
  }

  private static Instant kickoff(String text) {
    Instant known = KICKOFFS.get(text);
    if (known != null) {
      return known;
    }
    Instant parsed = Instants.parse("X-Kickoff", text);
    if (KICKOFFS.size() < MAX_KICKOFFS) {
      KICKOFFS.putIfAbsent(text, parsed);
    }
    return parsed;
  }

  private static String header(Context ctx, String name) {
    String value = ctx.header(name);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_HEADER) {
      throw ApiError.badRequest(name + " is too long", name,
          "at most " + MAX_HEADER + " characters, got " + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw ApiError.badRequest(name + " contains control characters", name,
            "character " + (int) c);
      }
    }
    return value.trim();
  }

  private static <T> T parse(java.util.function.Supplier<T> parser, String header) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid " + header, header, e.getMessage());
    }
  }
}
