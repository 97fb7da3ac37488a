package dev.oddscache.server.replay;

import dev.oddscache.server.cli.OddscacheCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real {@code oddscache} command line in-process and captures what it prints. */
record ReplayCli(int exitCode, String out, String err) {

  static ReplayCli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = OddscacheCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new ReplayCli(code, out.toString(), err.toString());
  }
}
