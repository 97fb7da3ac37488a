package dev.oddscache.tools.replay;

import dev.oddscache.vix.VixConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oddscache replay FILE... [--json OUT] [--report DIR]}: Betfair stream files through the
 * real VIX with the default settings, and the PANIC episodes of each market.
 *
 * <p>Exit codes: 0 on success; 2 for a bad argument (no file, a missing or unreadable file, a
 * directory), with a usage message naming it; 1 when a file stops on a read error (such as a
 * corrupt compressed stream) or an output cannot be written. Bad lines inside a file are reported
 * and never change the exit code.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays Betfair Exchange stream files (plain, .gz or .bz2) through the",
      "volatility index and reports each market's PANIC episodes, on the feed's",
      "own clock (its pt times). Files are replayed in the order given, through",
      "one detector."
    })
public final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "Betfair stream files: newline-delimited JSON mcm messages.")
  List<Path> files;

  @Option(names = "--json", paramLabel = "OUT",
      description = "Write {\"ticks\", \"rejected\", \"episodes\"} as JSON to OUT.")
  Path jsonOut;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write report.md and a PNG chart per market into DIR (created if needed).")
  Path reportDir;

  @Override
  public Integer call() {
    for (Path file : files) {
      check(file);
    }
    ReplayResult result = new Replayer(VixConfig.ofDefaults(), reportDir != null).run(files);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.print(ReplayText.render(result));
    try {
      if (jsonOut != null) {
        createParent(jsonOut);
        Files.writeString(jsonOut, result.toJsonText(), StandardCharsets.UTF_8);
        out.println();
        out.println("JSON written to " + jsonOut);
      }
      if (reportDir != null) {
        out.println("Report written to " + ReplayReport.write(reportDir, result));
      }
    } catch (IOException e) {
      out.flush();
      err.println("oddscache replay: cannot write the output: " + e);
      err.flush();
      return 1;
    }
    out.flush();
    if (result.hasErrors()) {
      err.println("oddscache replay: some files stopped on a read error; see above.");
      err.flush();
      return 1;
    }
    return 0;
  }

  private void check(Path file) {
    String problem = null;
    if (!Files.exists(file)) {
      problem = "file not found";
    } else if (Files.isDirectory(file)) {
      problem = "is a directory, not a file";
    } else if (!Files.isReadable(file)) {
      problem = "file is not readable";
    }
    if (problem != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for positional parameter 'FILE' (" + file + "): " + problem,
          spec.positionalParameters().get(0), file.toString());
    }
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
