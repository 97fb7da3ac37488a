package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.tools.data.DataFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios driven by ticks: the {@code ticks} form, its errors, and reading the feed. */
class TickScenarioReaderTest {
  @TempDir Path dir;
  private Path feed;

  @BeforeEach
  void writeFeed() {
    feed = new TickFiles().definition(0, "OPEN").prices(0, 1, 2.0, 2, 4.0)
        .prices(30_500, 1, 2.1).write(dir.resolve("feed"));
  }

  private static String scenario(String ticks, String extra) {
    return "{ \"name\": \"t\", \"ticks\": " + ticks + ", \"load\": { \"requestsPerSecond\": 1 }"
        + extra + " }";
  }

  @Test
  void ticks_relativeToTheScenarioDirectory_withTheTickDefaults() throws IOException {
    Path file = dir.resolve("s.json");
    Files.writeString(file, scenario("{ \"betfair\": [\"feed\"] }", ""));

    Scenario s = ScenarioReader.read(file);

    assertThat(s.tickDriven()).isTrue();
    assertThat(s.ticks().betfair()).containsExactly(feed.toAbsolutePath().toString());
    assertThat(s.policies()).isEqualTo(Scenario.TICK_POLICIES);
    assertThat(s.keysPerMarket()).isEqualTo(1);
    assertThat(s.durationMinutes()).isNull();
  }

  @Test
  void feed_givesMatchesKickoffSpanAndClock() {
    Scenario s = ScenarioReader.parse(scenario("{ \"betfair\": [\"feed\"] }", ""), dir);

    RunPlan plan = RunPlan.of(s);

    assertThat(plan.start().toEpochMilli()).isEqualTo(TickFiles.T0);
    assertThat(plan.durationSeconds()).isEqualTo(31);
    assertThat(plan.feed().ticks()).isEqualTo(3);
    assertThat(plan.feed().selections()).containsExactly(2);
    assertThat(plan.matches()).singleElement().satisfies(m -> {
      assertThat(m.id()).isEqualTo(TickFiles.MATCH);
      assertThat(m.markets()).containsExactly("win");
      assertThat(m.kickoffAtMinute()).isEqualTo(15.0);
    });
  }

  @Test
  void fromAndToMillis_cutTheWindow() {
    Scenario s = ScenarioReader.parse(scenario("{ \"betfair\": [\"feed\"], \"fromMillis\": "
        + (TickFiles.T0 + 10_000) + ", \"toMillis\": " + (TickFiles.T0 + 40_000) + " }", ""), dir);

    RunPlan plan = RunPlan.of(s);

    assertThat(plan.start().toEpochMilli()).isEqualTo(TickFiles.T0 + 10_000);
    assertThat(plan.durationSeconds()).isEqualTo(30);
    assertThat(plan.feed().ticks()).isEqualTo(1);
  }

  @Test
  void missingFile_namesItWhereItWasLookedForAndWhereTheDataComesFrom() {
    Path data = dir.resolve("no-data");
    assertThatThrownBy(() -> ScenarioReader.parse(
        scenario("{ \"betfair\": [\"feed\", \"nope/1.234\"] }", ""), dir,
        DataFolder.of(data, Map.of())))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("ticks.betfair[1]: file not found: nope/1.234 (not in " + dir
            + " nor in the data folder " + data + ", set by --data-dir, which does not exist)")
        .hasMessageContaining("Betfair historical data (https://historicdata.betfair.com)")
        .hasMessageContaining("put them in " + data.resolve("betfair"))
        .hasMessageContaining("ODDSCACHE_DATA");
  }

  @Test
  void relativeFileNotBesideTheScenario_isReadFromTheDataFolder() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data").resolve("betfair"));
    Files.copy(feed, data.resolve("1.100"));
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));

    Scenario s = ScenarioReader.parse(scenario("{ \"betfair\": [\"betfair/1.100\"] }", ""),
        scenarios,
        DataFolder.of(null, Map.of(DataFolder.ENVIRONMENT, data.getParent().toString())));

    assertThat(s.ticks().betfair()).containsExactly(data.resolve("1.100").toString());
    assertThat(RunPlan.of(s).feed().ticks()).isEqualTo(3);
  }

  @Test
  void fileBesideTheScenario_winsOverTheDataFolder() throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("feed"), "not this one\n");

    Scenario s = ScenarioReader.parse(scenario("{ \"betfair\": [\"feed\"] }", ""), dir,
        DataFolder.of(data, Map.of()));

    assertThat(s.ticks().betfair()).containsExactly(feed.toString());
  }

  @Test
  void emptyOrBlankFiles_areNamed() {
    assertError(scenario("{ \"betfair\": [] }", ""),
        "ticks.betfair must list at least one Betfair stream file, got []");
    assertError(scenario("{ }", ""), "ticks.betfair must list at least one Betfair stream file, "
        + "got none");
    assertError(scenario("{ \"betfair\": [\"feed\", \" \"] }", ""),
        "ticks.betfair[1] must not be blank, got ' '");
  }

  @Test
  void window_mustBeOrdered() {
    assertError(scenario("{ \"betfair\": [\"feed\"], \"fromMillis\": 5, \"toMillis\": 5 }", ""),
        "ticks.toMillis must be > ticks.fromMillis (5), got 5");
    assertError(scenario("{ \"betfair\": [\"feed\"], \"fromMillis\": -1 }", ""),
        "ticks.fromMillis must be >= 0 (epoch milliseconds), got -1");
  }

  @Test
  void syntheticFields_areRejectedBesideTicks() {
    String ticks = "{ \"betfair\": [\"feed\"] }";
    assertError(scenario(ticks, ", \"durationMinutes\": 10"),
        "durationMinutes must be absent with ticks", "got 10");
    assertError(scenario(ticks, ", \"matches\": [ { \"id\": \"m\", \"markets\": [\"win\"] } ]"),
        "matches must be absent with ticks");
    assertError(scenario(ticks, ", \"statuses\": [ { \"match\": \"m\", \"fromMinute\": 0, "
        + "\"toMinute\": 1, \"status\": \"PANIC\" } ]"), "statuses must be absent with ticks");
  }

  @Test
  void unknownTicksField_isNamed() {
    assertError(scenario("{ \"betfair\": [\"feed\"], \"from\": 1 }", ""),
        "unknown field 'from' in ticks", "betfair, fromMillis, toMillis");
  }

  @Test
  void aFileWithoutPrices_saysItIsNoStreamFile() throws IOException {
    Files.writeString(dir.resolve("feed.catalogue.json"), "[{\"marketId\": \"1.1\"}]\n");
    Scenario s = ScenarioReader.parse(scenario("{ \"betfair\": [\"feed.catalogue.json\"] }", ""),
        dir);

    assertThatThrownBy(() -> new Simulation(s))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("ticks.betfair[0]: no prices of an OPEN market in "
            + dir.resolve("feed.catalogue.json"))
        .hasMessageContaining("expected a Betfair stream file");
  }

  @Test
  void aWindowWithoutPrices_isAnError() {
    Scenario s = ScenarioReader.parse(scenario("{ \"betfair\": [\"feed\"], \"fromMillis\": "
        + (TickFiles.T0 + 1000) + ", \"toMillis\": " + (TickFiles.T0 + 2000) + " }", ""), dir);

    assertThatThrownBy(() -> RunPlan.of(s))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("ticks: no price between fromMillis " + (TickFiles.T0 + 1000));
  }

  @Test
  void events_mustNameAMatchOfTheFeed() {
    Scenario s = ScenarioReader.parse(scenario("{ \"betfair\": [\"feed\"] }",
        ", \"events\": [ { \"atMinute\": 0.1, \"match\": \"other\", \"type\": \"GOAL\" } ]"), dir);

    assertThatThrownBy(() -> RunPlan.of(s))
        .isInstanceOf(ScenarioException.class)
        .hasMessage("events[0].match must be the id of a match in matches [" + TickFiles.MATCH
            + "], got 'other'");
  }

  private void assertError(String json, String... fragments) {
    assertThatThrownBy(() -> ScenarioReader.parse(json, dir))
        .isInstanceOf(ScenarioException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }
}
