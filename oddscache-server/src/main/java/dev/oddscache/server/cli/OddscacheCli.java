package dev.oddscache.server.cli;

import dev.oddscache.server.demo.DemoCommand;
import dev.oddscache.server.replay.ReplayCommand;
import dev.oddscache.server.sim.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code oddscache} launcher. */
@Command(
    name = "oddscache",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A volatility-aware cache for live sports-odds and prediction backends.",
    subcommands = {ServeCommand.class, DemoCommand.class, ExplainCommand.class, ReplayCommand.class,
        SimulateCommand.class, CommandLine.HelpCommand.class})
public final class OddscacheCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new OddscacheCli()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
