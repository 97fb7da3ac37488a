package dev.oddscache.redis.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;

/**
 * Makes time pass for Redis's expiry without waiting: every key's remaining TTL is shortened by
 * the amount, and keys whose TTL runs out are deleted — exactly what Redis would have done after
 * that much real time. Run per node (a cluster has one keyspace per master). For tests of
 * retention, so they check expiry deterministically instead of sleeping.
 */
public final class RedisTimeTravel {
  private static final String SCRIPT = """
      local step = tonumber(ARGV[1])
      local cursor = '0'
      local touched = 0
      repeat
        local page = redis.call('SCAN', cursor, 'COUNT', 1000)
        cursor = page[1]
        for _, key in ipairs(page[2]) do
          local ttl = redis.call('PTTL', key)
          if ttl > 0 then
            if ttl <= step then redis.call('DEL', key) \
      else redis.call('PEXPIRE', key, ttl - step) end
            touched = touched + 1
          end
        end
      until cursor == '0'
      return touched
      """;

  private RedisTimeTravel() {}

  /** Advances expiry by {@code amount} on each node at {@code uris}. */
  public static void elapse(List<String> uris, Duration amount) {
    RedisClient client = RedisClient.create();
    try {
      for (String uri : uris) {
        try (StatefulRedisConnection<String, String> c = client.connect(RedisURI.create(uri))) {
          // SCAN inside a script touches keys it did not declare: fine on one standalone node or
          // on one cluster master through a direct connection, which is how this is called.
          c.sync().eval(SCRIPT, ScriptOutputType.INTEGER, new String[0],
              Long.toString(amount.toMillis()));
        }
      }
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }
}
