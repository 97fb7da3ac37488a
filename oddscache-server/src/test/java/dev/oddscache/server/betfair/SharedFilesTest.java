package dev.oddscache.server.betfair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.SharedBetfairData;
import dev.oddscache.vix.VixDetector;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The real Betfair files of {@code shared/data/betfair}, read in place, parse without a single
 * rejection; the tick counts are those observed and cross-checked with an independent script.
 */
class SharedFilesTest {

  @Test
  void greyhoundWinMarket_1_197931750() throws IOException {
    IngestResult r = ingest(SharedBetfairData.file(SharedBetfairData.WIN_MARKET));

    assertThat(r.lines()).isEqualTo(166);
    assertThat(r.accepted()).isEqualTo(341);
    assertThat(r.rejectedCount()).isZero();
    assertThat(r.ignored()).isZero();
  }

  @Test
  void greyhoundPlaceMarket_1_197931751_hasPricesInItsSuspendingMessage() throws IOException {
    IngestResult r = ingest(SharedBetfairData.file(SharedBetfairData.PLACE_MARKET));

    assertThat(r.lines()).isEqualTo(166);
    assertThat(r.accepted()).isEqualTo(132);
    assertThat(r.rejectedCount()).isZero();
    assertThat(r.ignored()).isEqualTo(6);
  }

  @Test
  void horseRace_BASIC_1_132153978_preRaceAndInPlay() throws IOException {
    Path file = SharedBetfairData.file(SharedBetfairData.HORSE_RACE);
    Recorder recorder = new Recorder();
    try (BufferedReader in = BetfairInput.open(file)) {
      new BetfairStreamParser().parse(in, recorder);
    }

    assertThat(recorder.rejected).isEmpty();
    assertThat(recorder.ticks).hasSize(1197);
    assertThat(recorder.ignored).hasSize(11);
    assertThat(recorder.ticks).filteredOn(BetfairTick::inPlay).hasSize(22);
    Set<String> selections = new TreeSet<>();
    recorder.ticks.forEach(t -> selections.add(t.tick().selection()));
    assertThat(selections).hasSize(14);
    assertThat(recorder.ticks).allSatisfy(t -> {
      assertThat(t.tick().matchId()).isEqualTo("28270094");
      assertThat(t.tick().market()).isEqualTo("win");
      assertThat(t.kickoffMillis()).isEqualTo(1_497_466_500_000L); // 2017-06-14T18:55:00Z
    });
  }

  private static IngestResult ingest(Path file) throws IOException {
    try (BufferedReader in = BetfairInput.open(file)) {
      return new BetfairIngest(VixDetector.ofDefaults()).ingest(in);
    }
  }
}
