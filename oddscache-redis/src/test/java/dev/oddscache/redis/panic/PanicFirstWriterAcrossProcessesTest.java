package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.redis.testing.RedisServerProcess;
import io.lettuce.core.KeyValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * First writer wins across processes: two JVMs of eight threads each, released
 * together, race to start the same match's panic with sixteen different instants. One start
 * survives and every thread of both processes reports it.
 */
class PanicFirstWriterAcrossProcessesTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final int PROCESSES = 2;
  private static final int THREADS = 8;
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

  @Test
  void twoProcessesOfEightThreads_oneStartSurvives_allReportIt() throws Exception {
    List<ChildJvm> children = new ArrayList<>();
    try (RedisServerProcess server = RedisServerProcess.start();
        RedisAdmin admin = new RedisAdmin(server.uri())) {
      for (int c = 0; c < PROCESSES; c++) {
        children.add(ChildJvm.start(FirstWriterChild.class, List.of(server.uri(), "clasico",
            Integer.toString(c), Integer.toString(THREADS), Long.toString(T0))));
      }
      for (int c = 0; c < PROCESSES; c++) {
        KeyValue<String, String> ready = admin.sync().blpop(FirstWriterChild.WAIT_SECONDS,
            FirstWriterChild.READY);
        if (ready == null) {
          // Surface why: a child that died prints its error here.
          for (ChildJvm child : children) {
            child.awaitOutput(Duration.ofMillis(1));
          }
        }
        assertThat(ready).as("ready signal %d", c).isNotNull();
      }
      admin.sync().rpush(FirstWriterChild.GO, "go", "go");

      Set<Long> offered = new HashSet<>();
      List<Long> starts = new ArrayList<>();
      for (ChildJvm child : children) {
        List<String> lines = child.awaitOutput(CHILD_TIMEOUT);
        for (String line : lines) {
          String[] parts = line.split(" ");
          switch (parts[0]) {
            case "offered" -> offered.add(Long.parseLong(parts[1]));
            case "start" -> starts.add(Long.parseLong(parts[1]));
            case "fallback" -> assertThat(parts[1]).as("child in fallback").isEqualTo("false");
            default -> throw new AssertionError("unexpected line: " + line);
          }
        }
      }

      assertThat(offered).hasSize(PROCESSES * THREADS);
      assertThat(starts).hasSize(PROCESSES * THREADS);
      assertThat(new HashSet<>(starts)).hasSize(1);
      long winner = starts.get(0);
      assertThat(offered).contains(winner);
      assertThat(admin.sync().get("oddscache:panic:{clasico}")).isEqualTo(Long.toString(winner));
      Figures.record("first writer across 2 processes x 8 threads: winning offset (ms after T0)",
          winner - T0);
    } finally {
      children.forEach(ChildJvm::close);
    }
  }
}
