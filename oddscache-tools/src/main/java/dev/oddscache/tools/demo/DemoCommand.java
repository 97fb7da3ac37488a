package dev.oddscache.tools.demo;

import dev.oddscache.tools.sim.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code oddscache demo}: the main job for a newcomer. Starts the server in front of a synthetic
 * backend and replays a panic story live, so the dashboard shows the breaker and the tiers at
 * work; {@code --console} plays the story in the terminal on virtual time instead.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      // One sentence per element: picocli wraps each, and the command list shows the first.
      "Replays a lineup-leak story live through oddscache in front of a synthetic backend.",
      "Real HTTP traffic goes through the server; open the printed URL to watch the dashboard."
          + " With --console, the same story plays in the terminal on virtual time, without a"
          + " server."
    })
public final class DemoCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--speed", paramLabel = "X",
      description = "Demo clock speed-up (default ${DEFAULT-VALUE}: 140 min in ~2.3 min).")
  double speed = 60;

  @Option(names = "--rate", paramLabel = "N",
      description = "Requests per second through the proxy (default ${DEFAULT-VALUE}).")
  int rate = 200;

  @Option(names = "--port", paramLabel = "N",
      description = "Port of the server and dashboard (default ${DEFAULT-VALUE};"
          + " a free one if busy).")
  int port = 8080;

  @Option(names = "--every", paramLabel = "N",
      description = "Print a summary every N seconds (default ${DEFAULT-VALUE}).")
  int every = 5;

  @Option(names = "--exit-when-done",
      description = "Stop when the story ends instead of keeping the dashboard up.")
  boolean exitWhenDone;

  @Option(names = "--console",
      description = "Play the story in the terminal on virtual time, without a server.")
  boolean console;

  @Option(names = "--minutes", paramLabel = "N",
      description = "With --console: how many minutes of the story to play (default: all of"
          + " it).")
  Long minutes;

  @Option(names = "--seed", paramLabel = "N",
      description = "With --console: random seed (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Override
  public Integer call() throws InterruptedException {
    Scenario story = DemoStory.scenario();
    if (console) {
      long length = minutes == null ? story.durationMinutes() : minutes;
      requireRange("--minutes", length, 1, 24 * 60);
      requireRange("--rate", rate, 1, 10_000);
      requireRange("--every", every, 1, length);
      int consoleRate = rate == 200 ? 20 : rate;
      try (DemoLogs logs = logsToFile()) {
        new ConsoleStory(spec.commandLine().getOut(), story, length, consoleRate, every, seed)
            .play();
      }
      return 0;
    }
    requireRange("--rate", rate, 1, 5_000);
    requireRange("--port", port, 0, 65_535);
    requireRange("--every", every, 1, 3600);
    if (!(speed >= 1 && speed <= 10_000)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--speed': must be between 1 and 10000, got " + speed);
    }
    CountDownLatch stop = new CountDownLatch(1);
    Thread hook = new Thread(stop::countDown, "oddscache-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try (DemoLogs logs = logsToFile()) {
      spec.commandLine().getOut().println(TierLegend.text());
      new LiveDemo(spec.commandLine().getOut(), speed, rate, port, every).run(exitWhenDone, stop);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the JVM is already exiting, which is what we want.
      }
    }
    return 0;
  }

  /**
   * oddscache's own log lines to a temporary file for the length of the demo, whose path the
   * demo prints: on the terminal they would land on top of the demo's lines.
   */
  private DemoLogs logsToFile() {
    Path file;
    try {
      file = Files.createTempFile("oddscache-demo-", ".log");
    } catch (IOException e) {
      // No temporary folder: the log lines stay on standard error, as without the demo.
      return DemoLogs.none();
    }
    DemoLogs logs = DemoLogs.toFile(file);
    if (logs.active()) {
      // On standard error, beside where the log lines would have gone: the story's output on
      // standard output stays the same for a seed.
      spec.commandLine().getErr().println("oddscache's own log lines (such as its breaker"
          + " transitions) go to " + file);
      spec.commandLine().getErr().flush();
    }
    return logs;
  }

  private void requireRange(String option, long value, long min, long max) {
    if (value < min || value > max) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '" + option + "': must be between " + min + " and " + max
              + ", got " + value);
    }
  }
}
