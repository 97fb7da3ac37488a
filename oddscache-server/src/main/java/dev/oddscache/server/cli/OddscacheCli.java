package dev.oddscache.server.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the server jar: {@code serve} and {@code explain}. The tools module's jar runs
 * the same command line with its own commands added (see {@link #newCommandLine(List)}).
 */
@Command(
    name = "oddscache",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A volatility-aware cache for live sports-odds and prediction backends.")
public final class OddscacheCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The server's command line, shared by {@link #main} and the tests. */
  public static CommandLine newCommandLine() {
    return newCommandLine(List.of());
  }

  /**
   * The command line with {@code more} commands: serve first, then explain and the others by
   * name, help last, the order in which the launcher's usage has always listed them.
   */
  public static CommandLine newCommandLine(List<?> more) {
    List<CommandLine> others = new ArrayList<>();
    others.add(new CommandLine(new ExplainCommand()));
    for (Object command : more) {
      others.add(new CommandLine(command));
    }
    others.sort(Comparator.comparing(CommandLine::getCommandName));
    CommandLine cli = new CommandLine(new OddscacheCli());
    cli.addSubcommand(new CommandLine(new ServeCommand()));
    others.forEach(cli::addSubcommand);
    cli.addSubcommand(new CommandLine.HelpCommand());
    // Set last: the setting reaches only the subcommands present when it is set.
    return cli.setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing required subcommand");
  }
}
