package dev.oddscache.server.fleet;

import dev.oddscache.redis.feed.FeedEvent;
import dev.oddscache.server.betfair.BetfairIngest;
import dev.oddscache.server.betfair.BetfairListener;
import dev.oddscache.server.betfair.BetfairStreamParser;
import dev.oddscache.server.betfair.BetfairTick;
import dev.oddscache.server.betfair.IngestResult;
import dev.oddscache.server.betfair.IngestTally;
import dev.oddscache.server.betfair.MarketStatusChange;
import dev.oddscache.server.betfair.Rejection;
import dev.oddscache.vix.TickResult;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@link BetfairIngest} for a fleet: the same parser (market definitions of one call apply to
 * later calls) and the same result, but the ticks and market status changes go through a
 * {@link TickIntake} in input order, {@value #CHUNK} at a time so that a large body holds little
 * memory. A tick the stream has not brought back within the feed's wait counts as accepted.
 * Thread-safe when its parser is (the default is).
 */
public final class SharedBetfairIngest {
  static final int CHUNK = 1000;

  private final TickIntake intake;
  private final BetfairStreamParser parser;
  private final int maxListedRejections;

  public SharedBetfairIngest(TickIntake intake, BetfairStreamParser parser) {
    this.intake = Objects.requireNonNull(intake, "intake");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.maxListedRejections = BetfairIngest.DEFAULT_MAX_LISTED_REJECTIONS;
  }

  /** Ingests every line of {@code in}. Does not close {@code in}. */
  public IngestResult ingest(Reader in) throws IOException {
    Collector collector = new Collector();
    long lines = parser.parse(in, collector);
    collector.flush();
    return collector.tally.result(lines);
  }

  private final class Collector implements BetfairListener {
    private final List<FeedEvent> events = new ArrayList<>(CHUNK);
    /** Per event, its tick (for the rejection's wording), or null for a status change. */
    private final List<BetfairTick> ticks = new ArrayList<>(CHUNK);
    private final IngestTally tally = new IngestTally(maxListedRejections);

    @Override
    public void onTick(BetfairTick tick) {
      TickResult invalid = intake.rejection(tick.tick());
      if (invalid != null) {
        onRejected(BetfairIngest.rejection(tick, invalid));
        return;
      }
      add(new FeedEvent.Tick(tick.tick()), tick);
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
      add(new FeedEvent.MarketStatus(change.matchId(), change.market(), change.ptMillis()), null);
    }

    private void add(FeedEvent event, BetfairTick tick) {
      events.add(event);
      ticks.add(tick);
      if (events.size() == CHUNK) {
        flush();
      }
    }

    void flush() {
      if (events.isEmpty()) {
        return;
      }
      TickResult[] results = intake.take(events);
      for (int i = 0; i < results.length; i++) {
        BetfairTick tick = ticks.get(i);
        if (tick == null) {
          continue;
        }
        TickResult result = results[i];
        if (result == null || result.isAccepted()) {
          tally.accepted();
        } else {
          tally.refused(tick, result);
        }
      }
      events.clear();
      ticks.clear();
    }
  }
}
