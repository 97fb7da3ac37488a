package dev.oddscache.server.betfair;

import dev.oddscache.vix.TickResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one ingest has done so far, for its {@link IngestResult}: the counts, and the first
 * rejections up to a listing limit, so that a large file full of bad lines holds little memory.
 * Shared by the local and the fleet ingest. Not thread-safe: one ingest's listener owns it.
 */
public final class IngestTally {
  private final int maxListed;
  private final List<Rejection> listed = new ArrayList<>();
  private long accepted;
  private long rejected;
  private long outOfOrder;
  private long ignored;

  /** @param maxListed how many rejections the result lists; every one is counted */
  public IngestTally(int maxListed) {
    this.maxListed = maxListed;
  }

  public void accepted() {
    accepted++;
  }

  /** A tick of a market that was not OPEN: neither accepted nor rejected. */
  public void ignored() {
    ignored++;
  }

  public void rejected(Rejection rejection) {
    rejected++;
    if (listed.size() < maxListed) {
      listed.add(rejection);
    }
  }

  /** A tick the detector did not accept, counted out of order too if that was why. */
  public void refused(BetfairTick tick, TickResult result) {
    if (result.outcome() == TickResult.Outcome.OUT_OF_ORDER) {
      outOfOrder++;
    }
    rejected(BetfairIngest.rejection(tick, result));
  }

  /**
   * The result after {@code lines} lines, rejections in input order: the fleet's ingest learns of
   * the detector's refusals after the parser's own rejections of later lines.
   */
  public IngestResult result(long lines) {
    listed.sort(Comparator.comparingLong(Rejection::index));
    return new IngestResult(lines, accepted, rejected, listed, outOfOrder, ignored);
  }
}
