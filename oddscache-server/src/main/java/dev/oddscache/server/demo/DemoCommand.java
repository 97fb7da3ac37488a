package dev.oddscache.server.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code oddscache demo}: until the HTTP server and its live dashboard exist, the story plays in
 * the terminal on virtual time, through the real decision engine.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Plays the Clasico lineup-leak story through the real detector, breaker, panic clock and",
      "decision engine on virtual time, and prints the timeline."
    })
public final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--minutes", paramLabel = "N", description = "Story length in minutes (default ${DEFAULT-VALUE}).")
  long minutes = 180;

  @Option(names = "--rate", paramLabel = "N", description = "Requests per second (default ${DEFAULT-VALUE}).")
  int rate = 20;

  @Option(names = "--every", paramLabel = "N", description = "Print a row every N minutes (default ${DEFAULT-VALUE}).")
  long every = 5;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Override
  public Integer call() {
    requirePositive("--minutes", minutes, 24 * 60);
    requirePositive("--rate", rate, 10_000);
    requirePositive("--every", every, minutes);
    new ConsoleStory(spec.commandLine().getOut(), minutes, rate, every, seed).play();
    return 0;
  }

  private void requirePositive(String option, long value, long max) {
    if (value < 1 || value > max) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': must be between 1 and " + max + ", got " + value);
    }
  }
}
