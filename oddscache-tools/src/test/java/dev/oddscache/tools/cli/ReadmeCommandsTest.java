package dev.oddscache.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ./oddscache …} command in the README's code blocks runs, exactly as written, and
 * succeeds (JSON ones print valid JSON). Keeps the README honest.
 */
class ReadmeCommandsTest {
  private static final Path README = Path.of("..", "README.md");

  @TestFactory
  List<DynamicTest> readmeCommandsRun() throws IOException {
    List<String> commands = commandsIn(Files.readAllLines(README));
    assertThat(commands).as("./oddscache commands in README.md").isNotEmpty()
        .anyMatch(c -> c.startsWith("./oddscache demo"))
        .anyMatch(c -> c.startsWith("./oddscache explain"));
    List<DynamicTest> tests = new ArrayList<>();
    for (String command : commands) {
      tests.add(DynamicTest.dynamicTest(command, () -> {
        List<String> words = ShellWords.split(command);
        for (String word : words) {
          // The Betfair samples live beside the repository, not in it.
          assumeTrue(!word.startsWith("../shared/") || Files.exists(Path.of("..", word)),
              word + " not found, skipping");
        }
        List<String> args = runnable(words);
        CliRun run = CliRun.of(ToolsCli.newCommandLine(),
            args.subList(1, args.size()).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isNotBlank();
        if (args.contains("--json") && args.get(1).equals("explain")) {
          new ObjectMapper().readTree(run.out());
        }
      }));
    }
    return tests;
  }

  /**
   * The README's commands run from the repository root, these tests from the module folder:
   * input paths are resolved against the root, and outputs go to a fresh temporary folder.
   */
  private static List<String> runnable(List<String> words) throws IOException {
    Path out = Files.createTempDirectory("readme-command-");
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

  private static List<String> commandsIn(List<String> lines) {
    List<String> commands = new ArrayList<>();
    boolean inCode = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        inCode = !inCode;
      } else if (inCode && line.startsWith("./oddscache ")
          && !line.startsWith("./oddscache serve")) {
        // serve runs until stopped: ReadmeHttpSessionTest runs it inside the README's session.
        int comment = line.indexOf(" #");
        String command = (comment < 0 ? line : line.substring(0, comment)).trim();
        // A command sent to the background (the HTTP session's `serve ... &`) is part of a shell
        // session, which ReadmeHttpSessionTest runs as written; it is no single command.
        if (!command.endsWith("&")) {
          commands.add(command);
        }
      }
    }
    return commands;
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
