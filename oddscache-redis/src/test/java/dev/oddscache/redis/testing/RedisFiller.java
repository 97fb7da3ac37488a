package dev.oddscache.redis.testing;

import dev.oddscache.testing.Poll;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a Redis that has a {@code maxmemory} with filler keys of 4 KiB, as another application
 * sharing it (or the cache's own values) would, until Redis evicts what a test waits for.
 * Eviction is Redis's own doing, so the filling is a bounded {@link Poll}. Also makes a
 * {@code noeviction} Redis full, and lifts that again.
 */
public final class RedisFiller implements AutoCloseable {
  private static final Pattern EVICTED = Pattern.compile("evicted_keys:(\\d+)");
  private static final Pattern USED = Pattern.compile("used_memory:(\\d+)");
  private static final int BATCH = 100;
  private static final String VALUE;

  static {
    char[] chars = new char[4096];
    Arrays.fill(chars, 'x');
    VALUE = new String(chars);
  }

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private long written;

  public RedisFiller(String uri) {
    client = RedisClient.create(uri);
    connection = client.connect();
  }

  /**
   * Writes filler until {@code key} is gone.
   *
   * @param expiry each filler key's expiry, {@link Duration#ZERO} for none
   */
  public void fillUntilGone(String key, Duration expiry) {
    Poll.await("redis evicting " + key).pollInterval(Duration.ofMillis(1))
        .until(() -> {
          writeBatch(expiry);
          return sync().exists(key) == 0;
        });
  }

  /** Writes filler with {@code expiry} until Redis has evicted at least {@code keys} keys. */
  public void fillUntilEvicted(long keys, Duration expiry) {
    Poll.await("redis evicting " + keys + " keys").pollInterval(Duration.ofMillis(1))
        .until(() -> {
          writeBatch(expiry);
          return evictedKeys() >= keys;
        });
  }

  /** Redis's count of evicted keys since it started. */
  public long evictedKeys() {
    Matcher m = EVICTED.matcher(sync().info("stats"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  /**
   * Makes Redis full: a {@code maxmemory} of half what it uses now, so under {@code noeviction}
   * it refuses every write that needs memory, steadily (filling up to the limit instead would
   * leave it at the edge, refusing one write and taking the next).
   */
  public void makeFull() {
    Matcher m = USED.matcher(sync().info("memory"));
    if (!m.find()) {
      throw new IllegalStateException("no used_memory in INFO memory");
    }
    sync().configSet("maxmemory", Long.toString(Long.parseLong(m.group(1)) / 2));
  }

  /** Lifts the memory limit again. */
  public void makeRoom() {
    sync().configSet("maxmemory", "0");
  }

  private void writeBatch(Duration expiry) {
    for (int i = 0; i < BATCH; i++) {
      String k = "filler:" + written++;
      if (expiry.isZero()) {
        sync().set(k, VALUE);
      } else {
        sync().set(k, VALUE, SetArgs.Builder.px(expiry.toMillis()));
      }
    }
  }

  private RedisCommands<String, String> sync() {
    return connection.sync();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }
}
