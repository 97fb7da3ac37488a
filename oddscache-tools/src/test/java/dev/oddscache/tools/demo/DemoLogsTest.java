package dev.oddscache.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.PanicBreaker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * During a demo, oddscache's own log lines (here a real breaker's transitions) go to the demo's
 * file and not to the terminal's appenders; afterwards, back to the terminal.
 */
class DemoLogsTest {
  @TempDir Path dir;

  @Test
  void breakerTransitions_goToTheFile_notToTheRootAppenders() throws IOException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> terminal = new ListAppender<>();
    terminal.start();
    root.addAppender(terminal);
    Path file = dir.resolve("demo.log");
    try {
      try (DemoLogs logs = DemoLogs.toFile(file)) {
        assertThat(logs.active()).isTrue();
        openTheCircuit();
      }
      assertThat(terminal.list).isEmpty();
      assertThat(Files.readString(file)).contains("ERROR").contains("CIRCUIT_OPEN");

      openTheCircuit();
      assertThat(terminal.list).extracting(e -> e.getLevel().toString()).contains("ERROR");
    } finally {
      root.detachAppender(terminal);
    }
  }

  /** A real breaker driven to CIRCUIT_OPEN, which it logs at ERROR and WARN on the way. */
  private static void openTheCircuit() {
    ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T16:30:00Z"));
    PanicBreaker breaker = PanicBreaker.of(BreakerConfig.ofDefaults(), ticker);
    for (int second = 0; second < 5; second++) {
      for (int i = 0; i < 40; i++) {
        breaker.record(Status.PANIC);
      }
      ticker.advanceSeconds(1);
      breaker.mode();
    }
    assertThat(breaker.mode().name()).isEqualTo("CIRCUIT_OPEN");
  }
}
