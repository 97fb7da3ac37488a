package dev.oddscache.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.CliRun;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ToolsCliTest {

  @Test
  void offersEveryCommandInTheOrderTheUsageLists() {
    assertThat(ToolsCli.newCommandLine().getSubcommands().keySet())
        .containsExactly("serve", "demo", "explain", "replay", "simulate", "help");
  }

  @Test
  void helpListsEveryCommand() {
    CliRun run = CliRun.of(ToolsCli.newCommandLine(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("serve ", "demo ", "explain ", "replay ", "simulate ", "help ");
  }

  @Test
  void help_showsEveryDescriptionWhole_neverCutMidSentence() {
    CommandLine cli = ToolsCli.newCommandLine();
    String top = words(CliRun.of(ToolsCli.newCommandLine(), "--help").out());
    for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      String[] description = e.getValue().getCommandSpec().usageMessage().description();
      assertThat(description).as(e.getKey()).isNotEmpty();
      for (String sentence : description) {
        assertThat(sentence).as(e.getKey() + " description").endsWith(".");
      }
      // The command list shows a command's first description line: a whole sentence.
      assertThat(top).contains(e.getKey() + " " + words(description[0]));
      String own = words(CliRun.of(ToolsCli.newCommandLine(), e.getKey(), "--help").out());
      for (String sentence : description) {
        assertThat(own).as(e.getKey() + " --help").contains(words(sentence));
      }
    }
  }

  /** Text with every run of whitespace (line wraps, the usage's indentation) as one space. */
  private static String words(String text) {
    return text.trim().replaceAll("\\s+", " ");
  }

  @Test
  void theServersCommandsRunFromTheToolsJarToo() {
    CliRun run = CliRun.of(ToolsCli.newCommandLine(), "explain", "--status", "panic", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"status\"", "PANIC");
  }
}
