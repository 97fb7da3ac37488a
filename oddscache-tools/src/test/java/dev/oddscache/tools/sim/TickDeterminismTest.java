package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.CliRun;
import dev.oddscache.tools.cli.ToolsCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run driven by ticks gives byte-identical JSON, and a report with the price-error chart. */
class TickDeterminismTest {
  @TempDir Path dir;

  private static CliRun oddscache(String... args) {
    return CliRun.of(ToolsCli.newCommandLine(), args);
  }

  /** Two minutes of a two-selection market moving every few seconds, with a suspension. */
  private Path feed() {
    TickFiles f = new TickFiles().definition(0, "OPEN");
    for (int i = 0; i < 60; i++) {
      f.prices(i * 2_000L + 137 * (i % 3), 1, 2.0 + 0.02 * (i % 7), 2, 3.5 - 0.03 * (i % 5));
      if (i == 40) {
        f.definition(i * 2_000L + 500, "SUSPENDED").definition(i * 2_000L + 900, "OPEN");
      }
    }
    return f.write(dir.resolve("feed"));
  }

  @Test
  void sameFeedAndSeed_giveByteIdenticalJson_withDefaultTickPolicies() throws IOException {
    Path scenario = Files.writeString(dir.resolve("s.json"), """
        { "name": "ticks", "seed": 5, "ticks": { "betfair": ["feed"] }, "keysPerMarket": 3,
          "load": { "requestsPerSecond": 40 }, "backend": { "latencyMs": 80 } }
        """);
    feed();
    Path first = dir.resolve("first.json");
    Path second = dir.resolve("second.json");

    CliRun a = oddscache("simulate", scenario.toString(), "--json", first.toString(),
        "--no-progress", "--report", dir.resolve("report").toString());
    CliRun b =
        oddscache("simulate", scenario.toString(), "--json", second.toString(), "--no-progress");

    assertThat(a.exitCode()).as(a.err()).isZero();
    assertThat(b.exitCode()).as(b.err()).isZero();
    assertThat(Files.mismatch(first, second)).isEqualTo(-1L);
    String json = Files.readString(first);
    for (String policy : Scenario.TICK_POLICIES) {
      assertThat(json).contains("\"" + policy + "\" : {");
    }
    assertThat(json).contains("\"ticks\" : 120", "\"priceError\" : {", "\"p999\" : ");
    assertThat(a.out()).contains("Price accuracy per backend load", "price error mean/p50");
    assertThat(dir.resolve("report").resolve("price-error.png")).isNotEmptyFile();
    assertThat(Files.readString(dir.resolve("report").resolve("report.md")))
        .contains("## Price accuracy per backend load", "| **oddscache** |", "price-error.png");
  }

  @Test
  void missingFeed_exitsWithCodeTwoNamingTheFile() throws IOException {
    Path scenario = Files.writeString(dir.resolve("s.json"), """
        { "name": "ticks", "ticks": { "betfair": ["../shared/data/betfair/1.999"] },
          "load": { "requestsPerSecond": 1 } }
        """);

    CliRun run = oddscache("simulate", scenario.toString(), "--no-progress");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("ticks.betfair[0]: file not found",
        "1.999", "https://historicdata.betfair.com");
  }
}
