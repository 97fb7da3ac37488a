package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The scenarios shipped in {@code scenarios/} all parse, and the documented ones exist. */
class BundledScenariosTest {
  private static final Path DIR = Path.of("..", "scenarios");

  @Test
  void bundledScenarios_allParse() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(DIR)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }

    assertThat(files).extracting(p -> p.getFileName().toString())
        .contains("clasico-lineup-leak.json", "calm-matchday.json", "goal-storm.json");
    for (Path file : files) {
      Scenario s = ScenarioReader.read(file);
      assertThat(s.name()).as(file.toString()).isEqualTo(
          file.getFileName().toString().replace(".json", ""));
      assertThat(s.policies()).as(file.toString()).containsExactlyElementsOf(Scenario.POLICIES);
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
}
