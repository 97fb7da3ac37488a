package dev.oddscache.server.http;

import dev.oddscache.server.betfair.BetfairIngest;
import dev.oddscache.server.betfair.IngestResult;
import dev.oddscache.vix.VixDetector;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code POST /v1/odds/betfair}: Betfair Exchange stream lines ({@code mcm} messages, plain or
 * gzip/bzip2) into the volatility detector, with the same result shape as {@code /v1/odds}. One
 * ingest instance is kept, because market definitions sent in one request apply to later ones.
 */
final class BetfairRoute {
  private final BetfairIngest ingest;

  BetfairRoute(VixDetector vix) {
    this.ingest = new BetfairIngest(vix);
  }

  void post(Context ctx) {
    String type = ctx.contentType();
    if (type != null && !type.isBlank()) {
      String base = type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
      if (!base.equals("application/x-ndjson") && !base.equals("application/json")
          && !base.equals("text/plain") && !base.equals("application/octet-stream")
          && !base.equals("application/gzip") && !base.equals("application/x-bzip2")) {
        throw new ApiError(415, "Content-Type must be application/x-ndjson, application/json,"
            + " text/plain, application/gzip or application/x-bzip2", "Content-Type", type);
      }
    }
    IngestResult result;
    try (InputStream body = new java.io.ByteArrayInputStream(ctx.bodyAsBytes())) {
      result = ingest.ingest(body);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw ApiError.badRequest("body could not be read as a Betfair stream", "body", e.getMessage());
    }
    ctx.json(result.toJson());
  }
}
