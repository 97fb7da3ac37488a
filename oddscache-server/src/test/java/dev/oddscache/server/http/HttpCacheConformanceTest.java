package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.oddscache.server.settings.ImplicitFreshness;
import dev.oddscache.server.testing.RunningServer;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The public HTTP caching test suite (http-tests/cache-tests, the one cache-tests.fyi runs against
 * nginx, Varnish and other caches) through a live proxy whose upstream is the suite's own origin.
 *
 * <p>The proxy runs with {@link ImplicitFreshness#NONE}, as a strict shared cache: the suite
 * expects an answer without explicit freshness not to be reused. The suite is read in place from
 * {@code ../shared/tools/http-cache-tests} beside the repository; its {@code run.sh} starts the
 * origin, runs every test and installs the suite's npm packages once into {@code
 * $HTTP_CACHE_TESTS_DIR} (default {@code /tmp/http-cache-tests-UID}), so the first run needs the
 * npm registry.
 *
 * <p>Every id in {@code src/test/resources/http-cache-tests/expected-pass.txt} (one a line, {@code
 * #} starts a comment) must pass, that is have the result {@code true}; the test fails listing each
 * one that did not, with the suite's message. More passes never fail it: they are printed, to be
 * added to the file. To rewrite the file from a run instead of comparing (sorted, under a header
 * naming the suite commit, the date and the command):
 *
 * <pre>
 * mvn -B -pl oddscache-server -am test -Dtest=HttpCacheConformanceTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Doddscache.conformance.write=true
 * </pre>
 *
 * <p>An expected test that fails is checked by a second whole run before it counts as a
 * regression: a handful of the suite's tests pause for a few seconds and compare ages in whole
 * seconds, and a loaded machine can make one miss its moment. Those that pass on the second run
 * are listed in the summary.
 *
 * <p>Skipped with a message where the suite folder, {@code node} or {@code npm} is missing; under
 * {@code CI=true} a missing node or npm is a failure ({@code .ci/run} installs them). Leaves the
 * suite's results in {@code target/http-cache-tests/results.json}, a summary for humans in {@code
 * summary.txt} and the suite's output in {@code run.log} beside them.
 */
class HttpCacheConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SUITE_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration LIST_TIMEOUT = Duration.ofMinutes(1);
  private static final List<String> KINDS = List.of("required", "optimal", "check");
  private static final String EXPECTED = "src/test/resources/http-cache-tests/expected-pass.txt";
  private static final String WRITE_PROPERTY = "oddscache.conformance.write";
  private static final String WRITE_COMMAND = "mvn -B -pl oddscache-server -am test"
      + " -Dtest=HttpCacheConformanceTest -Dsurefire.failIfNoSpecifiedTests=false -D"
      + WRITE_PROPERTY + "=true";
  /** A row of the README's table: cache, then required, optimal and check as "n / total". */
  private static final Pattern ANCHOR_ROW = Pattern.compile("^\\|\\s*([^|]+?)\\s*\\|"
      + "\\s*(\\d+ / \\d+)\\s*\\|\\s*(\\d+ / \\d+)\\s*\\|\\s*(\\d+ / \\d+)\\s*\\|");
  private static final Pattern SUITE_COMMIT = Pattern.compile("suite commit (\\p{XDigit}{7,40})");
  /**
   * Prints the suite's tests as JSON, the way score-run.mjs walks them: browser-only tests are
   * never run outside a browser, and a test without a kind is required.
   */
  private static final String LIST_SCRIPT = """
      import { pathToFileURL } from 'url'
      const suiteDir = process.argv[2]
      const { default: suites } = await import(pathToFileURL(suiteDir + '/tests/index.mjs').href)
      const out = []
      for (const suite of suites) {
        for (const t of suite.tests) {
          if (!t.browser_only) out.push({ id: t.id, suite: suite.id, kind: t.kind || 'required' })
        }
      }
      console.log(JSON.stringify(out))
      """;

  record SuiteTest(String id, String suite, String kind) {}

  @Test
  void theSuitePassesAtLeastTheExpectedTests() throws IOException, InterruptedException {
    Path root = repositoryRoot();
    skipUnless(root != null, "no folder with .ci above " + Path.of("").toAbsolutePath());
    Path suiteDir = root.resolve("../shared/tools/http-cache-tests").normalize();
    Path runSh = suiteDir.resolve("run.sh");
    skipUnless(Files.isRegularFile(runSh), runSh + " not found (../shared/tools/http-cache-tests"
        + " beside the repository)");
    List<String> missing = new ArrayList<>();
    for (String tool : List.of("node", "npm")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    String missingMessage = String.join(" and ", missing) + " not on PATH";
    // CI installs both (.ci/run): there a missing tool is a failure, not a skip.
    assertThat(missing.isEmpty() || !"true".equals(System.getenv("CI")))
        .as(missingMessage + ": .ci/run must install nodejs and npm").isTrue();
    skipUnless(missing.isEmpty(), missingMessage + " (apt-get install nodejs npm)");

    Path out = root.resolve("oddscache-server/target/http-cache-tests");
    Files.createDirectories(out);
    List<SuiteTest> tests = listTests(suiteDir, out);
    Path resultsFile = out.resolve("results.json");
    Path log = out.resolve("run.log");
    runSuite(runSh, resultsFile, log);
    JsonNode results = JSON.readTree(resultsFile.toFile());
    assertThat(results != null && results.isObject())
        .as("%s holds no JSON object; run.sh output:%n%s", resultsFile, tail(log)).isTrue();

    String readme = Files.readString(suiteDir.resolve("README.oddscache.md"));
    Matcher commit = SUITE_COMMIT.matcher(readme);
    String suiteCommit = commit.find() ? commit.group(1) : "unknown";
    Set<String> passed = tests.stream().map(SuiteTest::id)
        .filter(id -> results.path(id).isBoolean() && results.path(id).asBoolean())
        .collect(Collectors.toCollection(TreeSet::new));
    StringBuilder summary = new StringBuilder(
        summarize(tests, results, passed, readme, suiteCommit, log));

    Path expectedFile = root.resolve("oddscache-server").resolve(EXPECTED);
    if (Boolean.getBoolean(WRITE_PROPERTY)) {
      writeExpected(expectedFile, passed, suiteCommit, tests.size());
      summary.append("wrote ").append(passed.size()).append(" ids to ").append(expectedFile)
          .append('\n');
      report(out, summary);
      return;
    }
    Set<String> expected = readExpected(expectedFile);
    Set<String> known = tests.stream().map(SuiteTest::id).collect(Collectors.toSet());
    List<String> regressions = new ArrayList<>();
    List<String> failedOnce = expected.stream().filter(id -> !passed.contains(id)).toList();
    JsonNode second = null;
    if (!failedOnce.isEmpty()) {
      // A few tests pause for seconds and compare ages in whole seconds: on a loaded machine one
      // may miss its moment. A regression fails twice; a second run tells them apart.
      Path secondFile = out.resolve("results-second-run.json");
      runSuite(runSh, secondFile, out.resolve("run-second.log"));
      second = JSON.readTree(secondFile.toFile());
    }
    for (String id : failedOnce) {
      boolean passedSecond = second != null && second.path(id).isBoolean()
          && second.path(id).asBoolean();
      if (passedSecond) {
        summary.append("failed once, passed on a second run (timing-sensitive): ").append(id)
            .append(": ").append(describe(results.get(id))).append('\n');
      } else {
        regressions.add(id + ": "
            + (known.contains(id) ? describe(results.get(id)) : "no such test in the suite"));
      }
    }
    List<String> newlyPassing = passed.stream().filter(id -> !expected.contains(id)).toList();
    summary.append("expected-pass.txt: ").append(expected.size()).append(" ids, ")
        .append(regressions.size()).append(" of them not passing\n");
    if (!newlyPassing.isEmpty()) {
      summary.append("now passing, add them to expected-pass.txt (or regenerate it with -D")
          .append(WRITE_PROPERTY).append("=true): ").append(newlyPassing.size()).append('\n');
      newlyPassing.forEach(id -> summary.append("  ").append(id).append('\n'));
    }
    report(out, summary);
    assertThat(regressions)
        .withFailMessage(() -> regressions.size() + " of the " + expected.size() + " tests in "
            + EXPECTED + " no longer pass (results: " + resultsFile + "):\n  "
            + String.join("\n  ", regressions))
        .isEmpty();
  }

  /** Runs the whole suite through a fresh proxy (implicit freshness none) into {@code file}. */
  private static void runSuite(Path runSh, Path resultsFile, Path log)
      throws IOException, InterruptedException {
    Files.deleteIfExists(resultsFile);
    int originPort = freePort();
    try (OddscacheServer server = OddscacheServer.start(RunningServer.onFreePort(b -> b
        .proxy(p -> p.upstream(URI.create("http://127.0.0.1:" + originPort))
            .implicitFreshness(ImplicitFreshness.NONE))))) {
      int rc = run(List.of("bash", runSh.toString(), Integer.toString(originPort),
          server.url() + "/p", resultsFile.toString()), log, SUITE_TIMEOUT);
      assertThat(rc).as("run.sh exited with %d; its output (%s):%n%s", rc, log, tail(log))
          .isZero();
    }
  }

  private static String summarize(List<SuiteTest> tests, JsonNode results, Set<String> passed,
      String readme, String suiteCommit, Path log) throws IOException {
    Map<String, int[]> byKind = new LinkedHashMap<>();
    KINDS.forEach(k -> byKind.put(k, new int[2]));
    Map<String, int[]> failingRequired = new LinkedHashMap<>();
    int run = 0;
    for (SuiteTest t : tests) {
      int[] counts = byKind.computeIfAbsent(t.kind(), k -> new int[2]);
      int[] suite = failingRequired.computeIfAbsent(t.suite(), s -> new int[2]);
      if (results.has(t.id())) {
        run++;
        counts[1]++;
      }
      if (passed.contains(t.id())) {
        counts[0]++;
      } else if ("required".equals(t.kind())) {
        suite[results.has(t.id()) ? 0 : 1]++;
      }
    }
    StringBuilder s = new StringBuilder();
    s.append("http-cache-tests, suite commit ").append(suiteCommit)
        .append(", through the oddscache proxy (implicit freshness none): ")
        .append(run).append(" of ")
        .append(tests.size()).append(" tests run, ").append(passed.size()).append(" passed\n");
    s.append(String.format("  %-58s %9s %9s %9s%n", "raw passes / run", "required", "optimal",
        "check"));
    s.append(String.format("  %-58s %9s %9s %9s%n", "oddscache", fraction(byKind.get("required")),
        fraction(byKind.get("optimal")), fraction(byKind.get("check"))));
    // The anchors are the table of README.oddscache.md, measured with the same copy of the suite.
    Matcher row = ANCHOR_ROW.matcher("");
    for (String line : readme.split("\n")) {
      if (row.reset(line).find()) {
        s.append(String.format("  %-58s %9s %9s %9s%n", row.group(1).replace("`", ""),
            row.group(2).replace(" ", ""), row.group(3).replace(" ", ""),
            row.group(4).replace(" ", "")));
      }
    }
    s.append("  (other caches: README.oddscache.md of the suite)\n");
    s.append("required tests not passing, per suite:\n");
    failingRequired.forEach((suite, n) -> {
      if (n[0] + n[1] > 0) {
        s.append(String.format("  %-22s %3d failed%s%n", suite, n[0],
            n[1] > 0 ? ", " + n[1] + " not run" : ""));
      }
    });
    for (String line : Files.readAllLines(log)) {
      if (line.startsWith("{")) {
        s.append("score-run: ").append(line).append('\n');
      }
    }
    return s.toString();
  }

  /** Maven's console names no skip reason: this one is printed too. */
  private static void skipUnless(boolean condition, String reason) {
    if (!condition) {
      System.out.println("HTTP cache conformance skipped: " + reason);
    }
    Assumptions.assumeTrue(condition, "HTTP cache conformance skipped: " + reason);
  }

  private static String fraction(int[] counts) {
    return counts[0] + "/" + counts[1];
  }

  private static void report(Path out, CharSequence summary) throws IOException {
    System.out.print(summary);
    Files.writeString(out.resolve("summary.txt"), summary);
  }

  /** A failed test's result: {@code [errorName, message]}, absent when it did not run. */
  private static String describe(JsonNode result) {
    if (result == null) {
      return "not run";
    }
    if (result.isArray()) {
      List<String> parts = new ArrayList<>();
      result.forEach(p -> parts.add(p.asText()));
      return String.join(": ", parts);
    }
    return result.toString();
  }

  private static Set<String> readExpected(Path file) throws IOException {
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(file)) {
      int hash = line.indexOf('#');
      String id = (hash < 0 ? line : line.substring(0, hash)).trim();
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    return ids;
  }

  private static void writeExpected(Path file, Set<String> passed, String suiteCommit, int total)
      throws IOException {
    StringBuilder s = new StringBuilder()
        .append("# http-cache-tests ids that must pass through the oddscache proxy (implicit")
        .append(" freshness none):\n")
        .append("# HttpCacheConformanceTest fails when one of them does not.\n")
        .append("# Suite: ../shared/tools/http-cache-tests, commit ").append(suiteCommit)
        .append(" (its README.oddscache.md).\n")
        .append("# Written ").append(LocalDate.now(ZoneOffset.UTC)).append(" from a run, ")
        .append(passed.size()).append(" of ").append(total).append(" tests passed, with:\n")
        .append("#   ").append(WRITE_COMMAND).append('\n');
    passed.forEach(id -> s.append(id).append('\n'));
    Files.createDirectories(file.getParent());
    Files.writeString(file, s);
  }

  private static List<SuiteTest> listTests(Path suiteDir, Path out)
      throws IOException, InterruptedException {
    Path script = out.resolve("list-tests.mjs");
    Path list = out.resolve("tests.json");
    Files.writeString(script, LIST_SCRIPT);
    int rc = run(List.of("node", script.toString(), suiteDir.toString()), list, LIST_TIMEOUT);
    assertThat(rc).as("listing the suite's tests failed (%d):%n%s", rc, tail(list)).isZero();
    List<SuiteTest> tests = JSON.readValue(list.toFile(), new TypeReference<List<SuiteTest>>() {});
    assertThat(tests).as("tests of %s", suiteDir).isNotEmpty();
    return tests;
  }

  /** Runs {@code command} with its output in {@code log}; killed with its children on timeout. */
  private static int run(List<String> command, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
            + "; its output (" + log + "):\n" + tail(log));
      }
      return p.exitValue();
    } finally {
      if (p.isAlive()) {
        // Children first: once run.sh is gone, its origin and node client are no longer its
        // descendants.
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "(no output)";
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && new File(dir, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }

  /** The checkout: the nearest folder above the working directory that holds {@code .ci}. */
  private static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve(".ci"))) {
        return p;
      }
    }
    return null;
  }
}
