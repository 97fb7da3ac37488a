package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.testing.RunningServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} of a live server, after real traffic of every kind, passes {@code promtool
 * check metrics}: Prometheus names, base units, {@code _total} counters, and the request duration
 * and served age as classic histograms. Skips where promtool is
 * absent, except in CI (which installs it).
 */
class MetricsPromtoolTest {

  private static boolean promtoolPresent() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(dir, "promtool").canExecute()) {
        return true;
      }
    }
    return false;
  }

  @Test
  void liveMetricsPassPromtool() throws IOException, InterruptedException {
    if (System.getenv("CI") == null) {
      Assumptions.assumeTrue(promtoolPresent(),
          "promtool not installed (apt-get install prometheus): skipping the live /metrics check");
    }
    try (TestUpstream upstream = new TestUpstream();
        OddscacheServer server = OddscacheServer.start(
            RunningServer.onFreePort(RunningServer.upstream(upstream.url())))) {
      Http.get(server.url() + "/p/predictions/a", "X-Match-Id", "m", "X-Markets", "1x2");
      Http.get(server.url() + "/p/predictions/a", "X-Match-Id", "m", "X-Markets", "1x2");
      Http.get(server.url() + "/p/predictions/b", "X-Match-Id", "m", "X-Markets", "1x2",
          "X-Vix-Status", "PANIC");
      Http.get(server.url() + "/p/broken");
      Http.postJson(server.url() + "/v1/events", "{\"match\":\"m\",\"type\":\"GOAL\"}");
      String metrics = Http.get(server.url() + "/metrics").body();

      Process promtool = new ProcessBuilder("promtool", "check", "metrics")
          .redirectErrorStream(true).start();
      promtool.getOutputStream().write(metrics.getBytes(StandardCharsets.UTF_8));
      promtool.getOutputStream().close();
      String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(promtool.exitValue()).as(output).isZero();
      assertThat(metrics).contains("oddscache_requests_total", "oddscache_breaker_mode",
          "oddscache_invalidations_total",
          // Latency is timed for a sample of requests (1 % by default): the series is there.
          "oddscache_request_duration_seconds_bucket{le=\"+Inf\"} ",
          "oddscache_served_age_seconds_bucket{strategy=\"serve_fresh\",le=\"+Inf\"} 1");
      assertThat(metrics).as("histograms, not summaries, by default").doesNotContain("quantile=");
    }
  }
}
