package dev.oddscache.server.betfair;

import static dev.oddscache.server.betfair.Lines.definition;
import static dev.oddscache.server.betfair.Lines.pricesIn;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A parser fed a season of markets keeps the open ones and a bounded tail of closed ones. */
class ClosedMarketsTest {
  private static final int MAX = BetfairStreamParser.MAX_CLOSED_MARKETS;

  @Test
  void closedMarketsBeyondTheBound_areForgottenOldestFirst_openOnesNeverAre() {
    BetfairStreamParser parser = new BetfairStreamParser();
    Recorder r = new Recorder();
    parser.parseLine(0, definition(1, "open-1", "9", "WIN", "OPEN", false), r);
    int markets = MAX + 500;
    for (int m = 0; m < markets; m++) {
      String id = "1." + m;
      parser.parseLine(1, definition(10, id, "9", "WIN", "OPEN", false), r);
      parser.parseLine(2, definition(20, id, "9", "WIN", "CLOSED", false), r);
    }

    assertThat(parser.marketCount()).isEqualTo(1 + MAX);
    // The oldest closed markets are gone: their late prices are rejected as unknown.
    parser.parseLine(3, pricesIn("1.0", 30, "\"ltp\":2.0,\"id\":1"), r);
    assertThat(r.rejected).hasSize(1);
    // The newest closed ones are kept: their late prices are ignored, as before.
    parser.parseLine(4, pricesIn("1." + (markets - 1), 30, "\"ltp\":2.0,\"id\":1"), r);
    assertThat(r.ignored).hasSize(1);
    // The open market outlives them all.
    parser.parseLine(5, pricesIn("open-1", 30, "\"ltp\":2.0,\"id\":1"), r);
    assertThat(r.ticks).hasSize(1);
  }

  @Test
  void aMarketReopenedAfterClosing_keepsItsDefinitionWhenItsCloseIsOld() {
    BetfairStreamParser parser = new BetfairStreamParser();
    Recorder r = new Recorder();
    parser.parseLine(0, definition(1, "reopened", "9", "WIN", "CLOSED", false), r);
    parser.parseLine(1, definition(2, "reopened", "9", "WIN", "OPEN", true), r);
    for (int m = 0; m < MAX + 10; m++) {
      parser.parseLine(2, definition(10, "1." + m, "9", "WIN", "CLOSED", false), r);
    }

    parser.parseLine(3, pricesIn("reopened", 30, "\"ltp\":2.0,\"id\":1"), r);
    assertThat(r.ticks).hasSize(1);
    assertThat(parser.marketCount()).isEqualTo(1 + MAX);
  }
}
