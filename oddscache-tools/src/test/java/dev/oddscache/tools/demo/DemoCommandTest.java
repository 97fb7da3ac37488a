package dev.oddscache.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.tools.cli.ToolsCli;
import dev.oddscache.tools.sim.Scenario;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = ToolsCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void storyShowsPanicBreakerAndTiers() {
    String out = run("demo", "--console");

    assertThat(out)
        .contains("psg-om tier 0 -> 1 (PANIC_FULL")
        .contains("rma-fcb tier 0 -> 1 (PANIC_FULL, HIGH stakes")
        .contains("breaker NORMAL -> HIGH_VOLATILITY")
        .contains("breaker HIGH_VOLATILITY -> CIRCUIT_OPEN")
        .contains("psg-om tier 1 -> 2 (PANIC_PARTIAL")
        .contains("psg-om tier 2 -> 3 (DEGRADED")
        .contains("breaker CIRCUIT_OPEN -> HIGH_VOLATILITY")
        .contains("breaker HIGH_VOLATILITY -> NORMAL")
        .contains("168000 requests");
    assertThat(out.indexOf("-> HIGH_VOLATILITY")).isLessThan(out.indexOf("-> CIRCUIT_OPEN"));
  }

  @Test
  void consoleStory_isTheLiveDemosStory_andEndsPointingToIt() {
    String out = run("demo", "--console");
    Scenario story = DemoStory.scenario();

    assertThat(out).contains("the story of ./oddscache demo (demo-live, 140 min)")
        .contains("140 minutes");
    assertThat(story.matches()).extracting(Scenario.MatchSpec::id)
        .containsExactly("rma-fcb", "psg-om");
    // The README's story: El Clasico panics for 45 minutes, the Ligue 1 match for 110.
    assertThat(out)
        .contains("rma-fcb (El Clasico, La Liga, HIGH stakes, kickoff 19:00): PANIC 16:50-17:35"
            + " (45 min)")
        .contains("psg-om (PSG - OM, Ligue 1, MEDIUM stakes, kickoff 03-02 18:30): PANIC"
            + " 16:40-18:30 (110 min)")
        .contains("16:50  * rma-fcb LINEUP (match event)")
        .doesNotContain("ars-che", "ami-cae", "arrives with the server")
        .contains("The same story live, through the HTTP server with the dashboard and real"
            + " backend load: ./oddscache demo");
  }

  @Test
  void tierZero_isDefinedBeforeTheStoryUsesIt() {
    String out = run("demo", "--console", "--minutes", "30");

    int legend = out.indexOf("tiers (tN): 0 = the match is not panicking, no quota;");
    assertThat(legend).isNotNegative();
    assertThat(out).contains("1 PANIC_FULL (TTL 0 s), 2 PANIC_PARTIAL (TTL 5 s), 3 DEGRADED"
        + " (TTL 30 s), 4 NEW_NORMAL (TTL 60 s)");
    assertThat(legend).isLessThan(out.indexOf("tier 0 -> 1"));
  }

  @Test
  void sameSeedSameStory() {
    assertThat(run("demo", "--console", "--minutes", "60", "--seed", "7"))
        .isEqualTo(run("demo", "--console", "--minutes", "60", "--seed", "7"));
  }

  @Test
  void badOptionsAreUsageErrors() {
    StringWriter err = new StringWriter();
    CommandLine cli = ToolsCli.newCommandLine();
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("demo", "--console", "--rate", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("--rate").contains("got 0");
  }
}
