package dev.oddscache.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.tools.cli.ToolsCli;
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
        .contains("216000 requests");
    assertThat(out.indexOf("-> HIGH_VOLATILITY")).isLessThan(out.indexOf("-> CIRCUIT_OPEN"));
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
