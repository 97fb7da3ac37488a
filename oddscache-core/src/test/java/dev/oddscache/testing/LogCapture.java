package dev.oddscache.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * What one class's logger logs, through a Logback list appender: during each test, as a JUnit 5
 * extension ({@code @RegisterExtension LogCapture.of(...)}), or from {@link #start} until
 * {@link #close}. Safe to read while other threads log.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback, AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
  }

  /** The log lines of {@code type}'s logger during each test, once registered as an extension. */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(type);
  }

  /** The log lines of {@code type}'s logger from now until {@link #close}. */
  public static LogCapture start(Class<?> type) {
    LogCapture capture = new LogCapture(type);
    capture.attach();
    return capture;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    attach();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  private void attach() {
    // A test class with one instance for all its tests registers one capture: each test starts
    // with no lines.
    synchronized (appender) {
      appender.list.clear();
    }
    appender.start();
    logger.addAppender(appender);
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }

  /** Every event so far, in order. */
  public List<ILoggingEvent> events() {
    // The appender appends under its own lock.
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  /** The events at {@code level} or above, in order. */
  public List<ILoggingEvent> events(Level atLeast) {
    return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(atLeast)).toList();
  }

  /** The events at {@code level} or above as {@code LEVEL message}, in order. */
  public List<String> lines(Level atLeast) {
    return events(atLeast).stream().map(e -> e.getLevel() + " " + e.getFormattedMessage())
        .toList();
  }
}
