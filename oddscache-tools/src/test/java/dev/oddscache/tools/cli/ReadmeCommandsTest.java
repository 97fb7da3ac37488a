package dev.oddscache.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.CliRun;
import dev.oddscache.server.testing.SharedBetfairData;
import dev.oddscache.tools.data.DataFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ./oddscache …} command in the README's code blocks runs, exactly as written (the
 * commands of a shell {@code for} loop once per value), and succeeds: JSON ones print valid JSON,
 * and the files that {@code --json} and {@code --report} name are written. The Betfair commands
 * find their files in the data folder, here the shared Betfair data found above the working
 * directory, passed as the launcher would, in {@code ODDSCACHE_DATA}. Keeps the README honest.
 */
class ReadmeCommandsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FOR_LOOP = Pattern.compile("for (\\w+) in ([^;]+); do");

  @TestFactory
  List<DynamicTest> readmeCommandsRun() throws IOException {
    List<String> commands = commandsIn(Files.readAllLines(README));
    assertThat(commands).as("./oddscache commands in README.md").isNotEmpty()
        .anyMatch(c -> c.startsWith("./oddscache demo"))
        .anyMatch(c -> c.startsWith("./oddscache explain"))
        .anyMatch(c -> c.startsWith("./oddscache replay betfair/"))
        .anyMatch(c -> c.startsWith("./oddscache simulate scenarios/betfair-"))
        .anyMatch(c -> c.startsWith("./oddscache simulate scenarios/clasico-lineup-leak.json"));
    List<DynamicTest> tests = new ArrayList<>();
    for (String command : commands) {
      tests.add(DynamicTest.dynamicTest(command, () -> {
        List<String> words = ShellWords.split(command);
        Map<String, String> environment = Map.of();
        if (needsBetfairData(words)) {
          Path data = SharedBetfairData.dataFolder();
          assumeTrue(data != null, "the Betfair files (shared/data/betfair) are not found above "
              + Path.of("").toAbsolutePath() + ": skipping " + command);
          environment = Map.of(DataFolder.ENVIRONMENT, data.toString());
        }
        Path out = Files.createTempDirectory("readme-command-");
        List<String> args = runnable(words, out);
        CliRun run = CliRun.of(ToolsCli.newCommandLine(environment),
            args.subList(1, args.size()).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isNotBlank();
        if (args.contains("--json") && args.get(1).equals("explain")) {
          JSON.readTree(run.out());
        }
        for (int i = 2; i < args.size(); i++) {
          if (args.get(i - 1).equals("--json") && !args.get(1).equals("explain")) {
            assertThat(JSON.readTree(Path.of(args.get(i)).toFile())).as(args.get(i)).isNotEmpty();
          } else if (args.get(i - 1).equals("--report")) {
            assertThat(Path.of(args.get(i)).resolve("report.md")).isNotEmptyFile();
          }
        }
      }));
    }
    return tests;
  }

  /** Whether a command reads the Betfair files, which are not in the repository. */
  private static boolean needsBetfairData(List<String> words) {
    return words.stream().anyMatch(w -> w.startsWith("betfair/")
        || w.startsWith("scenarios/betfair-"));
  }

  /**
   * The README's commands run from the repository root, these tests from the module folder:
   * input paths are resolved against the root, and outputs go to a fresh temporary folder.
   */
  private static List<String> runnable(List<String> words, Path out) {
    List<String> args = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String previous = i == 0 ? "" : words.get(i - 1);
      if (previous.equals("--json") || previous.equals("--report")) {
        args.add(out.resolve(word).toString());
      } else if (!word.startsWith("-") && Files.exists(Path.of("..", word))) {
        args.add(Path.of("..", word).toString());
      } else {
        args.add(word);
      }
    }
    if (args.size() > 1 && args.get(1).equals("simulate") && !args.contains("--no-progress")) {
      args.add("--no-progress");
    }
    if (args.size() > 1 && args.get(1).equals("demo") && !args.contains("--console")) {
      // The live demo serves until Ctrl-C: here it plays the same story faster, then exits.
      args.addAll(List.of("--exit-when-done", "--speed", "600", "--port", "0"));
    }
    return args;
  }

  /**
   * The {@code ./oddscache} commands of the code blocks, a {@code for NAME in VALUES; do ...
   * done} loop's body once per value with {@code $NAME} replaced.
   */
  static List<String> commandsIn(List<String> lines) {
    List<String> commands = new ArrayList<>();
    boolean inCode = false;
    List<String> loopValues = null;
    String loopVariable = null;
    for (String raw : lines) {
      Matcher loop = FOR_LOOP.matcher(raw);
      if (inCode && loop.matches()) {
        loopVariable = loop.group(1);
        loopValues = ShellWords.split(loop.group(2));
        continue;
      }
      if (inCode && loopValues != null && raw.trim().equals("done")) {
        loopValues = null;
        continue;
      }
      List<String> expanded = new ArrayList<>();
      if (loopValues == null) {
        expanded.add(raw);
      } else {
        for (String value : loopValues) {
          expanded.add(raw.trim().replace("${" + loopVariable + "}", value)
              .replace("$" + loopVariable, value));
        }
      }
      for (String line : expanded) {
        inCode = command(line, inCode, commands);
      }
    }
    return commands;
  }

  /** Adds {@code line} to {@code commands} if it is one; returns whether code continues. */
  private static boolean command(String line, boolean inCode, List<String> commands) {
    if (line.startsWith("```")) {
      return !inCode;
    }
    if (inCode && line.startsWith("./oddscache ") && !line.startsWith("./oddscache serve")) {
      // serve runs until stopped: ReadmeHttpSessionTest runs it inside the README's session.
      int comment = line.indexOf(" #");
      String command = (comment < 0 ? line : line.substring(0, comment)).trim();
      // A command sent to the background (the HTTP session's `serve ... &`) is part of a shell
      // session, which ReadmeHttpSessionTest runs as written; it is no single command.
      if (!command.endsWith("&")) {
        commands.add(command);
      }
    }
    return inCode;
  }

  /** Splits a command line the way a POSIX shell would for plain words and double quotes. */
  static final class ShellWords {
    static List<String> split(String line) {
      List<String> words = new ArrayList<>();
      StringBuilder word = new StringBuilder();
      boolean quoted = false;
      boolean inWord = false;
      for (char c : line.toCharArray()) {
        if (c == '"') {
          quoted = !quoted;
          inWord = true;
        } else if (c == ' ' && !quoted) {
          if (inWord) {
            words.add(word.toString());
            word.setLength(0);
            inWord = false;
          }
        } else {
          word.append(c);
          inWord = true;
        }
      }
      if (inWord) {
        words.add(word.toString());
      }
      return words;
    }
  }
}
