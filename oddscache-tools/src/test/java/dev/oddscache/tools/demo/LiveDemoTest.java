package dev.oddscache.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The live demo, sped up: real server, real HTTP traffic, the whole panic story. */
class LiveDemoTest {

  @Test
  void showsThePanicTheBreakerAndTheTiersWithoutFailures() throws Exception {
    StringWriter console = new StringWriter();
    LiveDemo demo = new LiveDemo(new PrintWriter(console, true), 400, 100, 0, 5);

    LiveDemo.Totals totals = demo.run(true, new CountDownLatch(1));

    assertThat(totals.errors()).as(console.toString()).isZero();
    assertThat(totals.requests()).isGreaterThan(1_000);
    assertThat(totals.backendCalls()).isLessThan(totals.requests());
    assertThat(totals.breakerModes()).as(console.toString())
        .contains("HIGH_VOLATILITY", "CIRCUIT_OPEN");
    assertThat(totals.maxTiers().getOrDefault("psg-om", 0)).as(console.toString())
        .isGreaterThanOrEqualTo(2);
    assertThat(totals.maxTiers()).containsKey("rma-fcb");
    assertThat(console.toString()).contains("open http://127.0.0.1:")
        .contains("breaker NORMAL -> HIGH_VOLATILITY")
        .contains("psg-om tier 1 -> 2");
  }
}
