package dev.oddscache.redis.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.oddscache.redis.RedisConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The errors of {@link RedisConnector}'s "redis unreachable" warnings, captured from the moment it
 * is created until it is closed: what an operator reads when a connection cannot be made.
 */
public final class ConnectWarnings implements AutoCloseable {
  private final Logger log = (Logger) org.slf4j.LoggerFactory.getLogger(RedisConnector.class);
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  private ConnectWarnings() {
    events.start();
    log.addAppender(events);
  }

  public static ConnectWarnings capture() {
    return new ConnectWarnings();
  }

  /** The {@code error} value of each warning so far, oldest first. */
  public List<String> errors() {
    List<ILoggingEvent> copy;
    // The reconnect thread appends while a test reads; the appender appends under its own lock.
    synchronized (events) {
      copy = new ArrayList<>(events.list);
    }
    return copy.stream()
        .filter(e -> e.getMessage().startsWith("redis unreachable"))
        .filter(e -> e.getKeyValuePairs() != null)
        .flatMap(e -> e.getKeyValuePairs().stream())
        .filter(kv -> kv.key.equals("error"))
        .map(kv -> Objects.toString(kv.value))
        .toList();
  }

  @Override
  public void close() {
    log.detachAppender(events);
  }
}
