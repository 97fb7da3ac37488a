package dev.oddscache.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.CliRun;
import org.junit.jupiter.api.Test;

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
  void theServersCommandsRunFromTheToolsJarToo() {
    CliRun run = CliRun.of(ToolsCli.newCommandLine(), "explain", "--status", "panic", "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"status\"", "PANIC");
  }
}
