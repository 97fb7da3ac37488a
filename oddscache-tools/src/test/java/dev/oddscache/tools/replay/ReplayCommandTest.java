package dev.oddscache.tools.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.CliRun;
import dev.oddscache.server.testing.SharedBetfairData;
import dev.oddscache.tools.cli.ToolsCli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code oddscache replay} on the real files of {@code shared/data/betfair}, read in place. The
 * episode figures were cross-checked with an independent implementation of the volatility index
 * (z-scores of log-price moves, a status held for 60 s after the last PANIC tick).
 */
class ReplayCommandTest {

  private static CliRun oddscache(String... args) {
    return CliRun.of(ToolsCli.newCommandLine(), args);
  }
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void winMarket_printsItsPanicEpisode() {
    Path file = SharedBetfairData.file(SharedBetfairData.WIN_MARKET);

    CliRun run = oddscache("replay", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(file + ": 166 lines, 341 ticks accepted, 0 rejected, 0 ignored")
        .contains("Total: 341 ticks accepted, 0 rejected; 1 market, 1 PANIC episode")
        .contains("Market win of Sheffield 19th Apr (event 31389771; Betfair 1.197931750 "
            + "OR 280m), kickoff 2022-04-19 18:26:00.000 UTC")
        .contains("runners (from the market catalogue): 36276560 = 3. Kirabilly Kathy, ")
        .contains("341 ticks over 6 selections (307 NORMAL, 20 WARNING, 14 PANIC)")
        .containsPattern("2022-04-19 18:24:57\\.455 -> 18:28:07\\.701 UTC +3 min 10\\.2 s +"
            + "peak z +4\\.44 +pre-play");
  }

  @Test
  void json_hasExactlyTheSpecKeys_andTheEpisode() throws IOException {
    Path file = SharedBetfairData.file(SharedBetfairData.WIN_MARKET);
    Path out = dir.resolve("out/replay.json");

    CliRun run = oddscache("replay", file.toString(), "--json", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode root = JSON.readTree(out.toFile());
    assertThat(names(root)).containsExactly("ticks", "rejected", "episodes");
    assertThat(root.get("ticks").asLong()).isEqualTo(341);
    assertThat(root.get("rejected").asLong()).isZero();
    assertThat(root.get("episodes")).hasSize(1);
    JsonNode episode = root.get("episodes").get(0);
    assertThat(names(episode))
        .containsExactly("match", "market", "startMillis", "endMillis", "peakZ", "inPlay");
    assertThat(episode.get("match").asText()).isEqualTo("31389771");
    assertThat(episode.get("market").asText()).isEqualTo("win");
    assertThat(episode.get("startMillis").asLong()).isEqualTo(1_650_392_697_455L);
    // The last PANIC tick, at 18:27:07.701, plus the 60 s hold.
    assertThat(episode.get("endMillis").asLong()).isEqualTo(1_650_392_827_701L + 60_000);
    assertThat(episode.get("peakZ").asDouble()).isCloseTo(4.4397, within(1e-4));
    assertThat(episode.get("inPlay").asBoolean()).isFalse();
  }

  @Test
  void severalFiles_areSeveralMarkets_episodesByStartTime() throws IOException {
    Path win = SharedBetfairData.file(SharedBetfairData.WIN_MARKET);
    Path place = SharedBetfairData.file(SharedBetfairData.PLACE_MARKET);
    Path horse = SharedBetfairData.file(SharedBetfairData.HORSE_RACE);
    Path out = dir.resolve("all.json");

    CliRun run = oddscache("replay", win.toString(), place.toString(), horse.toString(),
        "--json", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Total: 1,670 ticks accepted, 0 rejected; 3 markets, "
        + "92 PANIC episodes");
    JsonNode root = JSON.readTree(out.toFile());
    assertThat(root.get("ticks").asLong()).isEqualTo(341 + 132 + 1197);
    JsonNode episodes = root.get("episodes");
    assertThat(episodes).hasSize(92);
    long previous = Long.MIN_VALUE;
    int inPlay = 0;
    for (JsonNode e : episodes) {
      assertThat(e.get("startMillis").asLong()).isGreaterThanOrEqualTo(previous);
      assertThat(e.get("endMillis").asLong()).isGreaterThan(e.get("startMillis").asLong());
      previous = e.get("startMillis").asLong();
      inPlay += e.get("inPlay").asBoolean() ? 1 : 0;
    }
    // The horse race turns in play at 18:55:42 and panics at once; the greyhounds never do.
    assertThat(inPlay).isEqualTo(1);
    assertThat(run.out()).contains("place of Sheffield 19th Apr (event 31389771; ")
        .contains("2022-04-19 18:26:17.045 -> 18:28:08.702 UTC");
  }

  @Test
  void bzip2CopyOfTheWinMarket_givesTheSameResult() throws IOException {
    Path file = SharedBetfairData.file(SharedBetfairData.WIN_MARKET);
    // Compressed into the test's temporary folder, never into the repository.
    Path bz2 = dir.resolve("1.197931750.bz2");
    try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(bz2))) {
      Files.copy(file, out);
    }

    CliRun plain = oddscache("replay", file.toString(), "--json",
        dir.resolve("plain.json").toString());
    CliRun compressed = oddscache("replay", bz2.toString(), "--json",
        dir.resolve("bz2.json").toString());

    assertThat(compressed.exitCode()).as(compressed.err()).isZero();
    assertThat(Files.readString(dir.resolve("bz2.json")))
        .isEqualTo(Files.readString(dir.resolve("plain.json")));
    assertThat(compressed.out()).contains("1 PANIC episode");
  }

  @Test
  void output_isDeterministic() throws IOException {
    Path win = SharedBetfairData.file(SharedBetfairData.WIN_MARKET);
    Path horse = SharedBetfairData.file(SharedBetfairData.HORSE_RACE);

    CliRun first = oddscache("replay", win.toString(), horse.toString(), "--json",
        dir.resolve("a.json").toString());
    CliRun second = oddscache("replay", win.toString(), horse.toString(), "--json",
        dir.resolve("b.json").toString());

    assertThat(second.out().replace("b.json", "a.json")).isEqualTo(first.out());
    assertThat(Files.readString(dir.resolve("b.json")))
        .isEqualTo(Files.readString(dir.resolve("a.json")));
  }

  @Test
  void report_writesAChartPerMarketAndMarkdown() throws IOException {
    Path win = SharedBetfairData.file(SharedBetfairData.WIN_MARKET);
    Path place = SharedBetfairData.file(SharedBetfairData.PLACE_MARKET);
    Path report = dir.resolve("report");

    CliRun run = oddscache("replay", win.toString(), place.toString(), "--report",
        report.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Report written to " + report.resolve("report.md"));
    String md = Files.readString(report.resolve("report.md"));
    assertThat(md).contains("# Betfair replay",
        "## win of Sheffield 19th Apr (event 31389771; Betfair 1.197931750 OR 280m)",
        "## place of Sheffield 19th Apr (event 31389771; Betfair 1.197931751 ",
        "Runners (from the market catalogue): 36276560 = 3. Kirabilly Kathy, ",
        "(31389771-win.png)", "(31389771-place.png)",
        "| 2022-04-19 18:24:57.455 | 18:28:07.701 | 3 min 10.2 s | 4.44 | no |");
    for (String png : List.of("31389771-win.png", "31389771-place.png")) {
      byte[] bytes = Files.readAllBytes(report.resolve(png));
      assertThat(bytes).as(png).hasSizeGreaterThan(5000);
      assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }
  }

  @Test
  void badLines_areReportedAndDoNotChangeTheExitCode() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n",
        "{\"op\":\"mcm\",\"pt\":1000,\"mc\":[{\"id\":\"1.1\","
            + "\"marketDefinition\":{\"eventId\":\"e\","
            + "\"marketType\":\"MATCH_ODDS\",\"status\":\"OPEN\",\"inPlay\":true}}]}",
        "garbage",
        "{\"op\":\"mcm\",\"pt\":2000,\"mc\":[{\"id\":\"1.1\",\"rc\":[{\"ltp\":1.0,\"id\":1}]}]}",
        "{\"op\":\"mcm\",\"pt\":3000,\"mc\":[{\"id\":\"1.1\",\"rc\":[{\"ltp\":2.0,\"id\":1}]}]}",
        "{\"op\":\"mcm\",\"pt\":4000,\"mc\":[{\"id\":\"1.1\",\"rc\":[{\"ltp\":2.5,\"id\":1}]}]}"));
    Path out = dir.resolve("bad.json");

    CliRun run = oddscache("replay", file.toString(), "--json", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("5 lines, 2 ticks accepted, 2 rejected")
        .contains("line 2: invalid JSON")
        .contains("line 3: mc[0].rc[0].ltp: odds must be a finite number > 1.0, got 1.0")
        .contains("Market match_odds of event e")
        .contains("2 ticks over 1 selection (1 NORMAL, 0 WARNING, 1 PANIC)")
        .containsPattern("00:00:04\\.000 -> 00:01:04\\.000 UTC +1 min 00\\.0 s"
            + " +peak z +\\d+\\.\\d\\d +in play");
    JsonNode root = JSON.readTree(out.toFile());
    assertThat(root.get("ticks").asLong()).isEqualTo(2);
    assertThat(root.get("rejected").asLong()).isEqualTo(2);
    assertThat(root.get("episodes").get(0).get("inPlay").asBoolean()).isTrue();
  }

  @Test
  void corruptCompressedFile_exitsOne_afterReplayingTheOthers() throws IOException {
    Path corrupt = Files.write(dir.resolve("corrupt.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1});
    Path good = Files.writeString(dir.resolve("empty.jsonl"), "");

    CliRun run = oddscache("replay", corrupt.toString(), good.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains(corrupt + ": stopped by a read error")
        .contains(good + ": 0 lines");
    assertThat(run.err()).contains("some files stopped on a read error");
  }

  @Test
  void noFile_exitsTwo_namingTheArgument() {
    CliRun run = oddscache("replay");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter").contains("FILE")
        .contains("Usage:");
  }

  @Test
  void missingFile_exitsTwo_namingIt() {
    Path missing = dir.resolve("nope");

    CliRun run = oddscache("replay", missing.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'FILE' (" + missing + "): file not found").contains("Usage:");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void directory_exitsTwo() {
    CliRun run = oddscache("replay", dir.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is a directory, not a file");
  }

  @Test
  void unreadableFile_exitsTwo() throws IOException {
    Path file = Files.writeString(dir.resolve("secret"), "");
    assertThat(file.toFile().setReadable(false)).isTrue();
    Assumptions.assumeFalse(Files.isReadable(file),
        "running as a user who can read anything (root), skipping");

    CliRun run = oddscache("replay", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("file is not readable");
  }

  @Test
  void unknownOption_exitsTwo() {
    CliRun run = oddscache("replay", "--jsno", "x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--jsno");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
