package dev.oddscache.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.CliRun;
import dev.oddscache.server.testing.SharedBetfairData;
import dev.oddscache.tools.cli.ToolsCli;
import dev.oddscache.tools.data.DataFolder;
import dev.oddscache.vix.VixConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * Which files {@code replay} reads and how it names what is in them: the data folder for a
 * relative file not found here, market catalogues skipped with a warning and used for names, and
 * a warning for a file without prices. Hand-made files in a temporary data folder.
 */
class ReplayFilesTest {
  private static final String STREAM = String.join("\n",
      "{\"op\":\"mcm\",\"pt\":1000,\"mc\":[{\"id\":\"1.5\","
          + "\"marketDefinition\":{\"eventId\":\"77\",\"marketType\":\"WIN\","
          + "\"status\":\"OPEN\",\"inPlay\":false}}]}",
      "{\"op\":\"mcm\",\"pt\":2000,\"mc\":[{\"id\":\"1.5\",\"rc\":[{\"ltp\":2.0,\"id\":11},"
          + "{\"ltp\":4.0,\"id\":12}]}]}",
      "{\"op\":\"mcm\",\"pt\":3000,\"mc\":[{\"id\":\"1.5\",\"rc\":[{\"ltp\":2.5,\"id\":11}]}]}",
      "");
  private static final String CATALOGUE = "{\"marketId\":\"1.5\",\"marketName\":\"R1 480m\","
      + "\"runners\":[{\"selectionId\":11,\"runnerName\":\"1. Swift Lad\"},"
      + "{\"selectionId\":12,\"runnerName\":\"2. Slow Lass\"}],"
      + "\"event\":{\"id\":\"77\",\"name\":\"Romford 1st May\"},\"op\":\"marketCatalogue\"}\n";

  @TempDir Path data;
  private Path betfair;

  @BeforeEach
  void writeData() throws IOException {
    betfair = Files.createDirectories(data.resolve("betfair"));
    Files.writeString(betfair.resolve("1.5"), STREAM);
  }

  private CliRun replay(String... args) {
    String[] all = Stream.concat(Stream.of("replay"), Stream.of(args)).toArray(String[]::new);
    return CliRun.of(ToolsCli.newCommandLine(Map.of(DataFolder.ENVIRONMENT, data.toString())),
        all);
  }

  @Test
  void relativeFileNotFoundHere_isReadFromTheDataFolder() {
    CliRun run = replay("betfair/1.5");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(betfair.resolve("1.5") + ": 3 lines, 3 ticks accepted")
        .contains("Market win of event 77 (Betfair 1.5)");
  }

  @Test
  void missingFile_namesBothPlacesAndWhereTheDataComesFrom() {
    CliRun run = replay("betfair/1.404");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'FILE' (betfair/1.404): file not found: betfair/1.404 (not in "
            + Path.of("").toAbsolutePath() + " nor in the data folder " + data
            + ", set by ODDSCACHE_DATA)")
        .contains("https://historicdata.betfair.com")
        .contains("put them in " + betfair);
  }

  @Test
  void missingDataFolder_saysSo() {
    Path nowhere = data.resolve("nowhere");

    CliRun run = replay("--data-dir", nowhere.toString(), "betfair/1.5");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nor in the data folder " + nowhere
        + ", set by --data-dir, which does not exist");
  }

  @Test
  void catalogueAmongTheFiles_isSkippedWithAWarning_andNamesTheRunners() throws IOException {
    Path catalogue = Files.writeString(betfair.resolve("1.5.catalogue.json"), CATALOGUE);
    List<String> glob;
    try (Stream<Path> files = Files.list(betfair)) {
      glob = files.map(Path::toString).sorted().toList();
    }

    CliRun run = replay(glob.toArray(String[]::new));

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("oddscache replay: skipping " + catalogue
        + ": a Betfair market catalogue, not a stream file (its runner names are used)");
    assertThat(run.out()).contains(catalogue + ": skipped, a Betfair market catalogue")
        .doesNotContain(catalogue + ": 1 lines")
        .contains("Total: 3 ticks accepted, 0 rejected; 1 market")
        .contains("Market win of Romford 1st May (event 77; Betfair 1.5 R1 480m)")
        .contains("runners (from the market catalogue): 11 = 1. Swift Lad, 12 = 2. Slow Lass");
  }

  @Test
  void catalogueBesideTheStreamFile_namesTheChartSeries() throws IOException {
    Files.writeString(betfair.resolve("1.5.catalogue.json"), CATALOGUE);
    Path stream = betfair.resolve("1.5");
    List<MarketCatalogue> catalogues = MarketCatalogue.read(betfair.resolve("1.5.catalogue.json"));

    ReplayResult result = new Replayer(VixConfig.ofDefaults(), true,
        new RunnerNames(catalogues)).run(List.of(stream));
    XYChart chart = ReplayCharts.market(result.markets().get(0));

    assertThat(chart.getSeriesMap().keySet())
        .containsExactly("1. Swift Lad (2 ticks)", "2. Slow Lass (1 ticks)");
    assertThat(chart.getTitle()).startsWith("win of Romford 1st May (Betfair 1.5): ");
  }

  @Test
  void withoutCatalogue_theIdsStay() {
    ReplayResult result = new Replayer(VixConfig.ofDefaults(), true)
        .run(List.of(betfair.resolve("1.5")));

    assertThat(ReplayCharts.market(result.markets().get(0)).getSeriesMap().keySet())
        .containsExactly("11 (2 ticks)", "12 (1 ticks)");
  }

  @Test
  void onlyCatalogues_isAUsageError() throws IOException {
    Path catalogue = Files.writeString(betfair.resolve("1.5.catalogue.json"), CATALOGUE);

    CliRun run = replay(catalogue.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no Betfair stream file among [" + catalogue + "]");
  }

  @Test
  void fileWithoutAnyPrice_getsAWarning() throws IOException {
    Path other = Files.writeString(data.resolve("notes.json"), "{\"op\":\"status\"}\n");

    CliRun run = replay(other.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains(other + ": 1 lines, 0 ticks accepted")
        .contains("warning: no price in any mcm message; is this a Betfair stream file?");
  }

  @Test
  void sharedCatalogues_areRecognised() throws IOException {
    Path win = SharedBetfairData.file(SharedBetfairData.WIN_MARKET);
    Path catalogue = win.resolveSibling(win.getFileName() + ReplayCommand.CATALOGUE_SUFFIX);

    List<MarketCatalogue> read = MarketCatalogue.read(catalogue);

    assertThat(read).singleElement().satisfies(c -> {
      assertThat(c.marketId()).isEqualTo(SharedBetfairData.WIN_MARKET);
      assertThat(c.eventName()).isEqualTo("Sheffield 19th Apr");
      assertThat(c.runners()).containsEntry("44331354", "1. Paradise Mission").hasSize(6);
    });
    assertThat(MarketCatalogue.read(win)).isEmpty();
  }
}
