package dev.oddscache.redis.panic;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A second client on the test's Redis, as another program would connect: String values (so a
 * start written here is a plain string), Lettuce's default timeouts, no oddscache code. For
 * inspecting keys (PTTL), counting commands and writing foreign values.
 */
final class RedisAdmin implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  RedisAdmin(String uri) {
    client = RedisClient.create(uri);
    connection = client.connect();
  }

  RedisCommands<String, String> sync() {
    return connection.sync();
  }

  /** Writes {@code value} as raw bytes, as a client with a bytes codec would. */
  void setBytes(String key, byte[] value) {
    try (StatefulRedisConnection<byte[], byte[]> bytes = client.connect(ByteArrayCodec.INSTANCE)) {
      bytes.sync().set(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
    }
  }

  /** Calls per command since the server started or its stats were reset, from INFO commandstats. */
  Map<String, Long> commandCalls() {
    Map<String, Long> calls = new HashMap<>();
    for (String line : sync().info("commandstats").split("\r?\n")) {
      // cmdstat_eval:calls=3,usec=120,usec_per_call=40.00,...
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        String stats = line.substring(line.indexOf(':') + 1);
        for (String field : stats.split(",")) {
          if (field.startsWith("calls=")) {
            calls.put(name, Long.parseLong(field.substring("calls=".length())));
          }
        }
      }
    }
    return calls;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }
}
