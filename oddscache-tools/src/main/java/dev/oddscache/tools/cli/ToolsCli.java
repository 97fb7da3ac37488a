package dev.oddscache.tools.cli;

import dev.oddscache.server.cli.OddscacheCli;
import dev.oddscache.tools.demo.DemoCommand;
import dev.oddscache.tools.replay.ReplayCommand;
import dev.oddscache.tools.sim.SimulateCommand;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point of the tools jar: every {@code oddscache} command, the server's serve and explain
 * with demo, replay and simulate. The server jar carries only the first two.
 */
public final class ToolsCli {
  private ToolsCli() {}

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The full command line, shared by {@link #main} and the tests. */
  public static CommandLine newCommandLine() {
    return newCommandLine(System.getenv());
  }

  /**
   * The full command line, its commands reading their environment variables (the data folder's
   * {@code ODDSCACHE_DATA}) from {@code environment}.
   */
  public static CommandLine newCommandLine(Map<String, String> environment) {
    return OddscacheCli.newCommandLine(List.of(new DemoCommand(),
        new ReplayCommand(environment), new SimulateCommand(environment)));
  }
}
