package dev.oddscache.tools.demo;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Sends oddscache's own log lines to a file for the length of a demo: on the terminal, a breaker
 * transition logged at WARN or ERROR would land on top of the demo's own lines, which already tell
 * it. Without Logback (another SLF4J binding), nothing changes.
 */
final class DemoLogs implements AutoCloseable {
  private static final String LOGGER = "dev.oddscache";

  private final Logger logger;
  private final FileAppender<ILoggingEvent> appender;
  private final boolean additive;

  private DemoLogs(Logger logger, FileAppender<ILoggingEvent> appender) {
    this.logger = logger;
    this.appender = appender;
    this.additive = logger != null && logger.isAdditive();
    if (logger != null) {
      logger.addAppender(appender);
      logger.setAdditive(false);
    }
  }

  /** Routes {@code dev.oddscache} to {@code file} (overwritten) until {@link #close()}. */
  static DemoLogs toFile(Path file) {
    if (!(LoggerFactory.getLogger(LOGGER) instanceof Logger logger)) {
      return none();
    }
    LoggerContext context = logger.getLoggerContext();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg %kvp%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setName("oddscache-demo-file");
    appender.setFile(file.toString());
    appender.setAppend(false);
    appender.setEncoder(encoder);
    appender.start();
    return new DemoLogs(logger, appender);
  }

  /** Changes nothing. */
  static DemoLogs none() {
    return new DemoLogs(null, null);
  }

  /** Whether the log lines go to the file (false without Logback). */
  boolean active() {
    return logger != null;
  }

  @Override
  public void close() {
    if (logger != null) {
      logger.setAdditive(additive);
      logger.detachAppender(appender);
      appender.stop();
    }
  }
}
