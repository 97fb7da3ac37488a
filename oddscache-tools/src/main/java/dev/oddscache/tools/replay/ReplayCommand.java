package dev.oddscache.tools.replay;

import dev.oddscache.tools.data.DataFolder;
import dev.oddscache.vix.VixConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      // One sentence per element: picocli wraps each, and the command list shows the first.
      "Replays Betfair Exchange stream files through the volatility index and reports each"
          + " market's PANIC episodes.",
      "Files (plain, .gz or .bz2) are replayed in the order given, through one detector, on the"
          + " feed's own clock (its pt times)."
    })
public final class ReplayCommand implements Callable<Integer> {
  /** The name Betfair's historical data gives a stream file's catalogue, after the file's. */
  static final String CATALOGUE_SUFFIX = ".catalogue.json";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE",
      description = "Betfair stream files: newline-delimited JSON mcm messages. A relative FILE "
          + "not found here is looked up in the data folder. Market catalogues among them "
          + "(or beside them as FILE.catalogue.json) name the runners; they are not replayed.")
  List<Path> files;

  @Option(names = "--data-dir", paramLabel = "DIR",
      description = "The data folder (default: $" + DataFolder.ENVIRONMENT + ", else ./data).")
  Path dataDir;

  @Option(names = "--json", paramLabel = "OUT",
      description = "Write {\"ticks\", \"rejected\", \"episodes\"} as JSON to OUT.")
  Path jsonOut;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Write report.md and a PNG chart per market into DIR (created if needed).")
  Path reportDir;

  private final Map<String, String> environment;

  public ReplayCommand() {
    this(System.getenv());
  }

  /** A command that reads {@value DataFolder#ENVIRONMENT} from {@code environment}. */
  public ReplayCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    DataFolder data = DataFolder.of(dataDir, environment);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Path> streams = new ArrayList<>();
    List<SkippedFile> skipped = new ArrayList<>();
    Map<Path, List<MarketCatalogue>> catalogues = new LinkedHashMap<>();
    for (Path given : files) {
      Path file = check(data, given);
      List<MarketCatalogue> inFile = catalogues(file);
      if (inFile.isEmpty()) {
        streams.add(file);
        Path beside = file.resolveSibling(file.getFileName() + CATALOGUE_SUFFIX);
        if (Files.isRegularFile(beside)) {
          catalogues.computeIfAbsent(beside.toAbsolutePath().normalize(), p -> catalogues(p));
        }
      } else {
        catalogues.put(file.toAbsolutePath().normalize(), inFile);
        skipped.add(new SkippedFile(given, "a Betfair market catalogue, not a stream file: its "
            + "runner names label the output"));
        err.println("oddscache replay: skipping " + given
            + ": a Betfair market catalogue, not a stream file (its runner names are used)");
      }
    }
    err.flush();
    if (streams.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for positional parameter 'FILE': no Betfair stream file among " + files
              + " (market catalogues name runners but hold no prices)");
    }
    ReplayResult result = new Replayer(VixConfig.ofDefaults(), reportDir != null,
        new RunnerNames(catalogues.values().stream().flatMap(List::stream).toList()))
        .run(streams, skipped);
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

  /**
   * The market catalogues in {@code file}; none if it is something else, or cannot be read (the
   * replay then reports why).
   */
  private static List<MarketCatalogue> catalogues(Path file) {
    try {
      return MarketCatalogue.read(file);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** Where {@code given} is, here or in the data folder; a usage error if neither has it. */
  private Path check(DataFolder data, Path given) {
    Path file = data.find(Path.of(""), given.toString());
    String problem = null;
    if (file == null) {
      problem = data.notFound(Path.of(""), given.toString());
      file = given;
    } else if (Files.isDirectory(file)) {
      problem = "is a directory, not a file";
    } else if (!Files.isReadable(file)) {
      problem = "file is not readable";
    }
    if (problem != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for positional parameter 'FILE' (" + given + "): " + problem,
          spec.positionalParameters().get(0), given.toString());
    }
    return file;
  }

  private static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
