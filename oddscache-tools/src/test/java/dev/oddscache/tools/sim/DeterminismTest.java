package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.CliRun;
import dev.oddscache.tools.cli.ToolsCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same scenario and seed give byte-identical JSON; another seed gives other traffic. */
class DeterminismTest {

  private static CliRun oddscache(String... args) {
    return CliRun.of(ToolsCli.newCommandLine(), args);
  }
  private static final String SCENARIO = TestScenarios.with(
      TestScenarios.clasico(6, 150, 1, 5, "\"oddscache\", \"bypass\", \"fixed-ttl\""),
      "\"failureRate\": 0.0", "\"failureRate\": 0.05, \"maxConcurrent\": 8");

  @TempDir Path dir;

  @Test
  void sameScenarioAndSeed_giveByteIdenticalJson() throws IOException {
    Path scenario = Files.writeString(dir.resolve("s.json"), SCENARIO);
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");

    CliRun a =
        oddscache("simulate", scenario.toString(), "--json", first.toString(), "--no-progress");
    CliRun b =
        oddscache("simulate", scenario.toString(), "--json", second.toString(), "--no-progress");

    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.exitCode()).as(b.err()).isZero();
    assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    assertThat(Files.readString(first)).contains("\"oddscache\"", "\"bypass\"", "\"fixed-ttl\"");
  }

  @Test
  void anotherSeed_changesTheFigures() {
    String json = Runs.of(SCENARIO).toJsonText();
    String reseeded =
        Runs.of(TestScenarios.with(SCENARIO, "\"seed\": 42", "\"seed\": 43")).toJsonText();

    assertThat(reseeded).isNotEqualTo(json);
  }
}
