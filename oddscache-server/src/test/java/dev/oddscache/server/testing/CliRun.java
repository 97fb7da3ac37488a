package dev.oddscache.server.testing;

import dev.oddscache.server.cli.OddscacheCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a real command line in-process and captures what it prints. */
public record CliRun(int exitCode, String out, String err) {

  /** Runs the server's command line (serve, explain). */
  public static CliRun of(String... args) {
    return of(OddscacheCli.newCommandLine(), args);
  }

  /** Runs {@code cli}, e.g. the tools module's command line, which offers every command. */
  public static CliRun of(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
