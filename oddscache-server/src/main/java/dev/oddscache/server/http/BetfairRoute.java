package dev.oddscache.server.http;

import dev.oddscache.server.betfair.BetfairIngest;
import dev.oddscache.server.betfair.BetfairInput;
import dev.oddscache.server.betfair.BetfairStreamParser;
import dev.oddscache.server.betfair.IngestResult;
import dev.oddscache.server.fleet.SharedBetfairIngest;
import dev.oddscache.server.fleet.TickIntake;
import dev.oddscache.server.settings.BetfairSettings;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/odds/betfair}: Betfair Exchange stream lines ({@code mcm} messages, plain or
 * gzip/bzip2) into the volatility detector, with the same result shape as {@code /v1/odds}. One
 * ingest instance is kept, because market definitions sent in one request apply to later ones.
 *
 * <p>What one request costs is bounded by {@link BetfairSettings}: each line by its limits (a line
 * beyond them is skipped and listed), the body by what it may expand to (413), and the requests
 * being ingested at once by a count (503 with {@code Retry-After} beyond it: the server is busy,
 * whoever asks, so not a client's 429). Thread-safe.
 */
final class BetfairRoute {
  /**
   * Seconds a refused client waits: one ingest of a full body takes well under a second, and a
   * feed posting one body after another never meets the limit.
   */
  static final int RETRY_AFTER_SECONDS = 1;

  private static final Logger log = LoggerFactory.getLogger(BetfairRoute.class);

  private final Ingester ingest;
  private final BetfairSettings settings;
  private final Semaphore running;

  BetfairRoute(TickIntake intake, BetfairSettings settings) {
    this(ingester(intake, settings), settings);
  }

  /** The local ingest, or with the fleet's feed the same parser with events through the stream. */
  private static Ingester ingester(TickIntake intake, BetfairSettings settings) {
    BetfairIngest local = new BetfairIngest(intake.detector(),
        new BetfairStreamParser(settings.lines()), BetfairIngest.DEFAULT_MAX_LISTED_REJECTIONS);
    if (!intake.shared()) {
      return local::ingest;
    }
    SharedBetfairIngest shared = new SharedBetfairIngest(intake, local.parser());
    return shared::ingest;
  }

  /** A route ingesting with {@code ingest}: tests hold an ingest in progress with it. */
  BetfairRoute(Ingester ingest, BetfairSettings settings) {
    this.ingest = Objects.requireNonNull(ingest, "ingest");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.running = new Semaphore(settings.maxConcurrentIngests());
  }

  /** What is done with a body's text: {@link BetfairIngest#ingest(Reader)}. */
  @FunctionalInterface
  interface Ingester {
    IngestResult ingest(Reader text) throws IOException;
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
    // Read before a permit is taken, so that a client trickling its body cannot hold one; the
    // body is bounded by the request limit, as every route's is.
    byte[] body = ctx.bodyAsBytes();
    if (!running.tryAcquire()) {
      log.atDebug().addKeyValue("limit", settings.maxConcurrentIngests())
          .log("betfair ingest refused: too many at once");
      ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
      throw new ApiError(503, "too many Betfair ingests at once", "body",
          "at most " + settings.maxConcurrentIngests()
              + " bodies are ingested at once (betfair.maxConcurrentIngests); retry after "
              + RETRY_AFTER_SECONDS + " s");
    }
    try {
      ctx.json(ingestBody(body).toJson());
    } finally {
      running.release();
    }
  }

  private IngestResult ingestBody(byte[] body) {
    try (InputStream in = new ByteArrayInputStream(body);
        Reader text = new InputStreamReader(new DecompressedLimit(
            BetfairInput.decompressed(in), settings.maxDecompressedBytes()),
            StandardCharsets.UTF_8)) {
      return ingest.ingest(text);
    } catch (IOException | UncheckedIOException e) {
      throw ApiError.badRequest("body could not be read as a Betfair stream", "body",
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }
}
