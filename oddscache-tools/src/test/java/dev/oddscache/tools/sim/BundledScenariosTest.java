package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.SharedBetfairData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scenarios shipped in {@code scenarios/} all parse, and the documented ones exist. */
class BundledScenariosTest {
  private static final Path DIR = Path.of("..", "scenarios");

  /** The bundled scenarios driven by ticks, and the file of the shared folder each reads. */
  static final Map<String, String> BETFAIR = Map.of(
      "betfair-greyhound-win.json", SharedBetfairData.WIN_MARKET,
      "betfair-greyhound-place.json", SharedBetfairData.PLACE_MARKET,
      "betfair-horse-win-day.json", SharedBetfairData.HORSE_RACE,
      "betfair-horse-place-day.json", "SELF-1.181223995");

  @Test
  void bundledSyntheticScenarios_allParse_withTheDefaultPolicies() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(DIR)) {
      files = list.filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().startsWith("betfair-")).sorted().toList();
    }

    assertThat(files).extracting(p -> p.getFileName().toString())
        .contains("clasico-lineup-leak.json", "calm-matchday.json", "goal-storm.json");
    for (Path file : files) {
      Scenario s = ScenarioReader.read(file);
      assertThat(s.name()).as(file.toString()).isEqualTo(
          file.getFileName().toString().replace(".json", ""));
      assertThat(s.tickDriven()).as(file.toString()).isFalse();
      assertThat(s.policies()).as(file.toString()).containsExactlyElementsOf(Scenario.POLICIES);
    }
  }

  @Test
  void bundledBetfairScenarios_readOneSharedFileEach_atTenRequestsPerSecondOnOneKey()
      throws IOException {
    for (Map.Entry<String, String> e : BETFAIR.entrySet()) {
      Path file = DIR.resolve(e.getKey());
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      assertThat(json.get("ticks").get("betfair")).as(e.getKey()).singleElement()
          .satisfies(f -> assertThat(f.asText())
              .isEqualTo("betfair/" + e.getValue()));
    }
    for (Map.Entry<String, String> e : BETFAIR.entrySet()) {
      SharedBetfairData.file(e.getValue());
      Scenario s = ScenarioReader.read(DIR.resolve(e.getKey()), SharedDataFolder.get());
      assertThat(s.name()).isEqualTo(e.getKey().replace(".json", ""));
      assertThat(s.tickDriven()).isTrue();
      assertThat(s.keysPerMarket()).isEqualTo(1);
      assertThat(s.load().requestsPerSecond()).isEqualTo(10);
      assertThat(s.backend().latencyMs()).isEqualTo(50);
      assertThat(s.policies()).containsExactlyElementsOf(Scenario.TICK_POLICIES);
    }
  }

  @Test
  void clasico_isTwoHoursAtOneThousandRequestsWithOneFortyFiveMinutePanic() {
    Scenario s = ScenarioReader.read(DIR.resolve("clasico-lineup-leak.json"));

    assertThat(s.durationMinutes()).isEqualTo(120);
    assertThat(s.load().requestsPerSecond()).isEqualTo(1000);
    assertThat(s.statuses()).singleElement().satisfies(span -> {
      assertThat(span.status()).isEqualTo("PANIC");
      assertThat(span.toMinute() - span.fromMinute()).isEqualTo(45.0);
    });
  }

  @Test
  void calmMatchday_hasNoPanic() {
    Scenario s = ScenarioReader.read(DIR.resolve("calm-matchday.json"));

    assertThat(s.matches().size()).isGreaterThan(1);
    assertThat(s.statuses()).noneMatch(span -> span.status().equalsIgnoreCase("PANIC"));
  }

  @Test
  void goalStorm_hasPanicBurstsAndGoals() {
    Scenario s = ScenarioReader.read(DIR.resolve("goal-storm.json"));

    assertThat(s.statuses()).filteredOn(span -> span.status().equals("PANIC"))
        .hasSizeGreaterThan(2);
    assertThat(s.events()).extracting(Scenario.EventSpec::type).contains("GOAL", "RED_CARD");
  }

  @Test
  void busyHorseRace_readsTheLastThreeHoursOfTheDayLongMarketUnderLoad() {
    SharedBetfairData.file(SharedBetfairData.HORSE_RACE);
    Scenario s = ScenarioReader.read(DIR.resolve("betfair-horse-win-busy.json"),
        SharedDataFolder.get());

    assertThat(s.tickDriven()).isTrue();
    assertThat(s.keysPerMarket()).isEqualTo(200);
    assertThat(s.load().requestsPerSecond()).isEqualTo(1000);
    assertThat(s.backend().maxConcurrent()).isEqualTo(8);
    assertThat(s.policies()).startsWith("oddscache", "oddscache-ttl");
  }
}
