package dev.oddscache.redis.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain connection to one redis-server, for tests to look at what a store wrote and to count
 * the commands it sent ({@code INFO commandstats}, counted by the server itself, so nothing in
 * the client under test is instrumented). Not thread-safe.
 */
public final class RawRedis implements AutoCloseable {
  private static final Pattern CMDSTAT =
      Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)", Pattern.MULTILINE);

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;

  public RawRedis(String uri) {
    client = RedisClient.create(RedisURI.create(uri));
    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  public RedisCommands<String, byte[]> sync() {
    return connection.sync();
  }

  /** Forgets the server's command counters. */
  public void resetStats() {
    sync().configResetstat();
  }

  /** Calls per command name (lower case) since the last {@link #resetStats()}. */
  public Map<String, Long> commandCalls() {
    Map<String, Long> calls = new HashMap<>();
    Matcher m = CMDSTAT.matcher(sync().info("commandstats"));
    while (m.find()) {
      calls.put(m.group(1).toLowerCase(java.util.Locale.ROOT), Long.parseLong(m.group(2)));
    }
    return calls;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }
}
