package dev.oddscache.server.http;

import dev.oddscache.server.betfair.BetfairIngest;
import dev.oddscache.server.betfair.BetfairInput;
import dev.oddscache.server.betfair.IngestResult;
import dev.oddscache.vix.VixDetector;
import io.javalin.http.Context;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /v1/odds/betfair}: Betfair Exchange stream lines ({@code mcm} messages, plain or
 * gzip/bzip2) into the volatility detector, with the same result shape as {@code /v1/odds}. One
 * ingest instance is kept, because market definitions sent in one request apply to later ones.
 */
final class BetfairRoute {
  /**
   * What a compressed body may expand to. Real stream data compresses about 10 to 20 times, so a
   * full 1 MiB body stays far below; a bzip2 bomb of 1 MiB expands to terabytes, which would keep
   * a request thread decompressing for an hour.
   */
  static final long MAX_DECOMPRESSED_BYTES = 64L * 1024 * 1024;

  private final BetfairIngest ingest;

  BetfairRoute(VixDetector vix) {
    this.ingest = new BetfairIngest(vix);
  }

  void post(Context ctx) {
    String type = ctx.contentType();
    if (type != null && !type.isBlank()) {
      String base = JsonBodies.mediaType(type);
      if (!base.equals("application/x-ndjson") && !base.equals("application/json")
          && !base.equals("text/plain") && !base.equals("application/octet-stream")
          && !base.equals("application/gzip") && !base.equals("application/x-bzip2")) {
        throw new ApiError(415, "Content-Type must be application/x-ndjson, application/json,"
            + " text/plain, application/gzip or application/x-bzip2", "Content-Type", type);
      }
    }
    IngestResult result;
    try (InputStream body = new java.io.ByteArrayInputStream(ctx.bodyAsBytes());
        Reader text = new InputStreamReader(
            new Capped(BetfairInput.decompressed(body), MAX_DECOMPRESSED_BYTES),
            StandardCharsets.UTF_8)) {
      result = ingest.ingest(text);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw ApiError.badRequest("body could not be read as a Betfair stream", "body",
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    ctx.json(result.toJson());
  }

  /** Stops reading past {@code max} bytes with a 413: nothing is ingested from such a body. */
  private static final class Capped extends FilterInputStream {
    private final long max;
    private long read;

    Capped(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      if (read > max) {
        throw new ApiError(413, "decompressed body too large", "body",
            "a compressed body may expand to at most " + max + " bytes");
      }
    }
  }
}
