package dev.oddscache.server.betfair;

import dev.oddscache.vix.TickResult;
import dev.oddscache.vix.VixDetector;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Objects;

/**
 * Feeds Betfair stream lines into a {@link VixDetector}: the work behind {@code POST
 * /v1/odds/betfair} and {@code oddscache replay}.
 *
 * <p>Keeps one {@link BetfairStreamParser}, so market definitions sent in one call apply to the
 * ticks of later calls, as they do in a stream cut into HTTP bodies. Thread-safe when its parser
 * and detector are (the defaults are); each call's result only covers that call. Rejection
 * indexes are line numbers within the call's input, from 0.
 */
public final class BetfairIngest {
  /** How many rejections a result lists by default; the count is always exact. */
  public static final int DEFAULT_MAX_LISTED_REJECTIONS = 10_000;

  private final VixDetector detector;
  private final BetfairStreamParser parser;
  private final int maxListedRejections;

  /** An ingest with a fresh parser and the default listing limit. */
  public BetfairIngest(VixDetector detector) {
    this(detector, new BetfairStreamParser(), DEFAULT_MAX_LISTED_REJECTIONS);
  }

  /**
   * @param maxListedRejections how many rejections a result lists, so that a large file full of
   *     bad lines cannot exhaust memory
   * @throws IllegalArgumentException if {@code maxListedRejections} is negative
   */
  public BetfairIngest(VixDetector detector, BetfairStreamParser parser, int maxListedRejections) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.parser = Objects.requireNonNull(parser, "parser");
    if (maxListedRejections < 0) {
      throw new IllegalArgumentException(
          "maxListedRejections must be >= 0, got " + maxListedRejections);
    }
    this.maxListedRejections = maxListedRejections;
  }

  public VixDetector detector() {
    return detector;
  }

  public BetfairStreamParser parser() {
    return parser;
  }

  /**
   * Ingests every line of {@code in}, plain, gzip or bzip2 (told by its first bytes), UTF-8. Does
   * not close {@code in}.
   *
   * @throws IOException only if reading or decompressing fails; bad lines never throw
   */
  public IngestResult ingest(InputStream in) throws IOException {
    return ingest(BetfairInput.reader(nonClosing(in)), AcceptedTickListener.NONE);
  }

  /** Ingests every line of {@code in}. Does not close {@code in}. */
  public IngestResult ingest(Reader in) throws IOException {
    return ingest(in, AcceptedTickListener.NONE);
  }

  /**
   * Ingests every line of {@code in}, telling {@code listener} of each accepted tick right after
   * the detector accepted it. Does not close {@code in}.
   */
  public IngestResult ingest(Reader in, AcceptedTickListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    Collector collector = new Collector(listener);
    long lines = parser.parse(in, collector);
    return collector.tally.result(lines);
  }

  /** The rejection of a tick the detector did not accept, naming the Betfair field. */
  public static Rejection rejection(BetfairTick tick, TickResult result) {
    String field = tick.path();
    if (result.outcome() == TickResult.Outcome.OUT_OF_ORDER) {
      return new Rejection(tick.index(), field + ": pt " + tick.tick().timestampMillis()
          + " is older than the last tick of selection " + tick.tick().selection()
          + " in market " + tick.marketId() + ", ignored");
    }
    if (result.field().equals("timestampMillis")) {
      // Dated too far ahead: the message's pt, not the runner's price, is at fault.
      return new Rejection(tick.index(), "pt: " + result.reason());
    }
    return new Rejection(tick.index(), field + ".ltp: " + result.reason());
  }

  private static InputStream nonClosing(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {
        // The caller owns the stream, such as an HTTP request body.
      }
    };
  }

  private final class Collector implements BetfairListener {
    private final AcceptedTickListener listener;
    private final IngestTally tally = new IngestTally(maxListedRejections);

    Collector(AcceptedTickListener listener) {
      this.listener = listener;
    }

    @Override
    public void onTick(BetfairTick tick) {
      TickResult result = detector.accept(tick.tick());
      if (result.isAccepted()) {
        tally.accepted();
        listener.onAccepted(tick, result);
        return;
      }
      tally.refused(tick, result);
    }

    @Override
    public void onRejected(Rejection rejection) {
      tally.rejected(rejection);
    }

    @Override
    public void onIgnored(BetfairTick tick) {
      tally.ignored();
    }

    @Override
    public void onMarketStatus(MarketStatusChange change) {
      // A suspension or re-open: prices before and after it are not comparable.
      detector.marketStatusChanged(change.matchId(), change.market(), change.ptMillis());
    }
  }
}
