package dev.oddscache.tools.sim;

import dev.oddscache.tools.data.DataFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oddscache simulate SCENARIO.json [--json OUT] [--report DIR]}: runs the real cache and
 * the baseline policies through a scenario on virtual time, one run per policy.
 *
 * <p>Exit codes: 0 on success, 2 for a bad argument or an invalid scenario (the message names the
 * field and value), 1 when an output file cannot be written.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      // One sentence per element: picocli wraps each, and the command list shows the first.
      "Runs the real cache code on virtual time through a scenario, once per policy.",
      "It compares the backend load and served ages of oddscache, bypass, fixed-ttl and the"
          + " others; with recorded Betfair ticks, also how far the answers were off the live"
          + " prices.",
      "Deterministic: the same scenario and seed give the same output."
    })
public final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO.json", description = "The scenario file.")
  Path scenarioFile;

  @Option(names = "--json", paramLabel = "OUT", description = "Write the results as JSON to OUT.")
  Path jsonOut;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write report.md and PNG charts into DIR (created if needed).")
  Path reportDir;

  @Option(names = "--no-progress", description = "Do not draw the progress bar on standard error.")
  boolean noProgress;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "Where a scenario's Betfair files are looked up when they are not found "
          + "beside it (default: $" + DataFolder.ENVIRONMENT + ", else ./data).")
  Path dataDir;

  private final Map<String, String> environment;

  public SimulateCommand() {
    this(System.getenv());
  }

  /** A command that reads {@value DataFolder#ENVIRONMENT} from {@code environment}. */
  public SimulateCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    Scenario scenario;
    try {
      scenario = ScenarioReader.read(scenarioFile, DataFolder.of(dataDir, environment));
    } catch (ScenarioException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid scenario " + scenarioFile + ": " + e.getMessage());
    }
    Simulation simulation;
    try {
      simulation = new Simulation(scenario);
    } catch (ScenarioException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid scenario " + scenarioFile + ": " + e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Simulation.Progress progress = noProgress
        ? Simulation.Progress.NONE
        : new ProgressBar(err, System.console() != null);
    List<PolicyResult> results = new ArrayList<>();
    for (String policy : scenario.policies()) {
      PolicyResult result = simulation.run(policy, progress);
      if (!noProgress) {
        err.printf(Locale.ROOT, "%s: %.1f s of wall time%n", policy, result.wallNanos() / 1e9);
        err.flush();
      }
      results.add(result);
    }
    SimulationResult result = new SimulationResult(scenario, simulation.plan(), results);
    out.print(SummaryText.render(result));
    out.println();
    try {
      if (jsonOut != null) {
        createParent(jsonOut);
        Files.writeString(jsonOut, result.toJsonText(), StandardCharsets.UTF_8);
        out.println("JSON written to " + jsonOut);
      }
      if (reportDir != null) {
        out.println("Report written to " + ReportWriter.write(reportDir, result));
      }
    } catch (IOException e) {
      out.flush();
      err.println("oddscache simulate: cannot write the output: " + e);
      err.flush();
      return 1;
    }
    out.flush();
    return 0;
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
