package dev.oddscache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's HTTP section is a shell session; this runs it with bash, curl and python3 as a
 * reader would, and checks every expected line it shows. Only what a test must change is
 * changed: free ports instead of 8080/9000, a temporary folder, and the server started from the
 * test classpath instead of through the launcher (which would run Maven inside Maven).
 */
class ReadmeHttpSessionTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void curlSessionWorksAsWritten() throws Exception {
    for (String tool : List.of("bash", "curl", "python3")) {
      boolean present = onPath(tool);
      if (System.getenv("CI") == null) {
        Assumptions.assumeTrue(present, tool + " not installed: skipping the README HTTP session");
      }
      assertThat(present).as(tool + " on PATH").isTrue();
    }
    String readme = Files.readString(README);
    int section = readme.indexOf("## HTTP API");
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    String session = readme.substring(start, readme.indexOf("```", start));

    Path dir = Files.createTempDirectory("readme-http-");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int serverPort = freePort();
    int upstreamPort = freePort();
    String script = "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" + session
        .replace("localhost:8080", "localhost:" + serverPort)
        .replace("127.0.0.1:9000", "127.0.0.1:" + upstreamPort)
        .replace("http.server 9000", "http.server " + upstreamPort)
        .replace("/tmp/oddscache-upstream", dir.resolve("upstream").toString())
        .replace("./oddscache serve", "'" + java + "' -cp '" + System.getProperty("java.class.path")
            + "' dev.oddscache.server.cli.OddscacheCli serve --port " + serverPort);
    Path file = dir.resolve("session.sh");
    Files.writeString(file, script);

    Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();

    for (String expected : expectedLines(session)) {
      assertThat(output).as("README promises: " + expected).contains(expected);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The "# ..." line after each command, cut at "..." where the README elides. */
  private static List<String> expectedLines(String session) {
    List<String> expected = new ArrayList<>();
    String[] lines = session.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith("# ") && lines[i - 1].startsWith("curl")) {
        for (String part : line.substring(2).split("\\.\\.\\.")) {
          String trimmed = part.replaceAll("^,|,$", "");
          if (!trimmed.isBlank()) {
            expected.add(trimmed);
          }
        }
      }
    }
    assertThat(expected).as("expected outputs written in the README").hasSizeGreaterThan(5);
    return expected;
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(d, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }
}
