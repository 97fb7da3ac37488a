package dev.oddscache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.CliRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class OddscacheCliTest {

  @Test
  void serverJarOffersOnlyServeAndExplain() {
    assertThat(OddscacheCli.newCommandLine().getSubcommands().keySet())
        .containsExactly("serve", "explain", "help");
  }

  @Test
  void addedCommandsAreListedByNameAfterServeAndBeforeHelp() {
    CommandLine cli = OddscacheCli.newCommandLine(List.of(new Zulu(), new Alpha()));

    assertThat(cli.getSubcommands().keySet())
        .containsExactly("serve", "alpha", "explain", "zulu", "help");
  }

  @Test
  void addedCommandsAcceptEnumValuesInAnyCase() {
    CommandLine cli = OddscacheCli.newCommandLine(List.of(new Alpha()));

    assertThat(CliRun.of(cli, "alpha", "--mode", "north").exitCode()).isZero();
  }

  @Test
  void aCommandTheServerJarLacksIsAUsageError() {
    CliRun run = CliRun.of("simulate", "scenario.json");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("simulate");
  }

  enum Mode { NORTH, SOUTH }

  @Command(name = "alpha")
  static final class Alpha implements Runnable {
    @CommandLine.Option(names = "--mode")
    Mode mode;

    @Override
    public void run() {}
  }

  @Command(name = "zulu")
  static final class Zulu implements Runnable {
    @Override
    public void run() {}
  }
}
