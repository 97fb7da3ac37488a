package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.server.testing.RunningServer;
import dev.oddscache.testing.LogCapture;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failing upstream is logged on change: one WARN with key-values when calls start failing (or
 * fail another way), one INFO on recovery with the count, each failure itself only at DEBUG.
 */
class UpstreamFailureLoggingTest {
  private static final int REQUESTS = 12;

  @RegisterExtension final LogCapture logs = LogCapture.of(UpstreamHealth.class);

  @Test
  void unreachableUpstream_oneWarnForManyFailures() throws Exception {
    String closed = "http://127.0.0.1:" + closedPort();
    RunningServer server = RunningServer.startedByTest();
    server.start(RunningServer.upstream(closed));
    try {
      for (int i = 0; i < REQUESTS; i++) {
        HttpResponse<String> r = Http.get(server.url() + "/p/predictions/k" + i);
        assertThat(r.statusCode()).isEqualTo(502);
      }
    } finally {
      server.stop();
    }

    List<ILoggingEvent> warns = logs.events(Level.WARN);
    assertThat(warns).singleElement().satisfies(e -> {
      assertThat(e.getFormattedMessage()).startsWith("upstream failing");
      assertThat(keyValues(e)).containsEntry("upstream", closed)
          .containsEntry("failure", "unreachable").containsEntry("failuresSoFar", "1")
          .containsKey("detail");
    });
    assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.DEBUG)
        .hasSize(REQUESTS - 1);
    assertThat(logs.events(Level.INFO)).hasSize(1);
  }

  @Test
  void serverErrorsThenAnAnswer_warnThenRecoveredWithTheCount() throws Exception {
    try (TestUpstream upstream = new TestUpstream()) {
      RunningServer server = RunningServer.startedByTest();
      server.start(RunningServer.upstream(upstream.url()));
      try {
        for (int i = 0; i < 3; i++) {
          assertThat(Http.get(server.url() + "/p/broken?n=" + i).statusCode()).isEqualTo(500);
        }
        assertThat(Http.get(server.url() + "/p/predictions/ok").statusCode()).isEqualTo(200);
        assertThat(Http.get(server.url() + "/p/predictions/ok2").statusCode()).isEqualTo(200);
      } finally {
        server.stop();
      }
    }

    assertThat(logs.lines(Level.INFO)).containsExactly(
        "WARN upstream failing; answering from stored values where possible",
        "INFO upstream recovered");
    ILoggingEvent recovered = logs.events(Level.INFO).get(1);
    assertThat(keyValues(recovered)).containsEntry("failures", "3").containsKey("failingMillis");
    assertThat(keyValues(logs.events(Level.WARN).get(0)))
        .containsEntry("failure", "server_error").containsEntry("detail", "status 500");
  }

  private static Map<String, String> keyValues(ILoggingEvent e) {
    return e.getKeyValuePairs().stream()
        .collect(Collectors.toMap(kv -> kv.key, kv -> String.valueOf(kv.value)));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
