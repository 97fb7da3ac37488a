package dev.oddscache.server.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server in a temporary directory, scraping static targets every second, and
 * its instant-query API. Closing it stops the process it started, and only that one.
 */
final class PrometheusProcess implements AutoCloseable {
  static final File BINARY = new File("/usr/bin/prometheus");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final String url;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  private PrometheusProcess(Process process, Path log, String url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  static PrometheusProcess start(Path dir, List<String> targets) throws IOException {
    StringBuilder config = new StringBuilder()
        .append("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n")
        .append("scrape_configs:\n  - job_name: oddscache\n    static_configs:\n")
        .append("      - targets: [");
    for (int i = 0; i < targets.size(); i++) {
      config.append(i == 0 ? "'" : ", '").append(targets.get(i)).append('\'');
    }
    config.append("]\n");
    Path file = Files.writeString(dir.resolve("prometheus.yml"), config);
    Path log = dir.resolve("prometheus.log");
    String address = "127.0.0.1:" + freePort();
    Process process = new ProcessBuilder(BINARY.getPath(),
        "--config.file=" + file,
        "--storage.tsdb.path=" + dir.resolve("data"),
        "--web.listen-address=" + address)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    return new PrometheusProcess(process, log, "http://" + address);
  }

  /** A port free now; Prometheus cannot report the one it picked for port 0. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * The value of an instant query that gives at most one sample; NaN when it gives none.
   *
   * @throws IOException while Prometheus is not answering yet
   * @throws IllegalStateException if the process has exited, with its log
   */
  double query(String promql) throws IOException, InterruptedException {
    if (!process.isAlive()) {
      throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n"
          + log());
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/query?query="
        + URLEncoder.encode(promql, StandardCharsets.UTF_8)))
        .timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("query " + promql + " failed: " + response.body());
    }
    JsonNode result = JSON.readTree(response.body()).path("data").path("result");
    if (result.size() > 1) {
      throw new IllegalStateException("query " + promql + " gave several samples: " + result);
    }
    return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).path("value")
        .get(1).asText());
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
