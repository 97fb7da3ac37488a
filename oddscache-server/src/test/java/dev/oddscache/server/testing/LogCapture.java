package dev.oddscache.server.testing;

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
 * What one class logs during each test, for {@code @RegisterExtension}: a Logback list appender on
 * the class's logger, attached before each test and detached after it. Safe to read while other
 * threads log.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture(Class<?> type) {
    this.logger = (Logger) LoggerFactory.getLogger(type);
  }

  /** The log lines of {@code type}'s logger. */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(type);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    appender.start();
    logger.addAppender(appender);
  }

  @Override
  public void afterEach(ExtensionContext context) {
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
