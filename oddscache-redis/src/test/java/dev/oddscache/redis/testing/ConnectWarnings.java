package dev.oddscache.redis.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.testing.LogCapture;
import java.util.List;
import java.util.Objects;

/**
 * The errors of {@link RedisConnector}'s "redis unreachable" warnings, captured from the moment it
 * is created until it is closed: what an operator reads when a connection cannot be made.
 */
public final class ConnectWarnings implements AutoCloseable {
  private final LogCapture log = LogCapture.start(RedisConnector.class);

  private ConnectWarnings() {}

  public static ConnectWarnings capture() {
    return new ConnectWarnings();
  }

  /** The {@code error} value of each warning so far, oldest first. */
  public List<String> errors() {
    return errorsIn(log.events());
  }

  /** The {@code error} value of each "redis unreachable" warning among {@code events}, in order. */
  public static List<String> errorsIn(List<ILoggingEvent> events) {
    return events.stream()
        .filter(e -> e.getMessage().startsWith("redis unreachable"))
        .filter(e -> e.getKeyValuePairs() != null)
        .flatMap(e -> e.getKeyValuePairs().stream())
        .filter(kv -> kv.key.equals("error"))
        .map(kv -> Objects.toString(kv.value))
        .toList();
  }

  @Override
  public void close() {
    log.close();
  }
}
