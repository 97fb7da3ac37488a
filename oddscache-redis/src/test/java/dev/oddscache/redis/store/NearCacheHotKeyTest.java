package dev.oddscache.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.CommandCounter;
import dev.oddscache.redis.testing.Measurements;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.CacheStore;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hot-key workload, 10 000 reads over 20 keys, with and without the near cache. The Redis GETs
 * are counted by the server and asserted; wall times are recorded in {@code
 * target/measurements.txt}, not asserted (a test run is not a benchmark).
 */
class NearCacheHotKeyTest {
  private static final int KEYS = 20;
  private static final int READS = 10_000;

  /** Its own connection, so nothing else queues on it. */
  private final RedisConnector connector =
      RedisConnector.open(SharedRedisServer.settings(SharedRedisServer.uri()));
  private final String name = SharedRedisServer.uniqueName();

  @AfterEach
  void close() {
    connector.close();
  }

  @Test
  void hotKeys_nearCache_sendsOneGetPerKeyInsteadOfOnePerRead() {
    RedisStore<String> plain = new RedisStore<>(connector, ValueCodec.utf8String(), name);
    for (int k = 0; k < KEYS; k++) {
      StoredValue<String> value = new StoredValue<>("{\"home\":1.85,\"draw\":3.40,\"away\":4.20}",
          System.currentTimeMillis(), 60, 2_000_000L);
      plain.put("odds:" + k, value, Tags.of("match-" + (k % 4), Set.of("1x2")),
          Duration.ofMinutes(10));
    }
    // Both paths run once before measuring, so neither pays for class loading and JIT alone.
    readAll(plain, 2_000);
    readAll(new NearCachedStore<>(new RedisStore<>(connector, ValueCodec.utf8String(), name)),
        2_000);

    try (CommandCounter counter = new CommandCounter(List.of(SharedRedisServer.uri()))) {
      counter.reset();
      long plainNanos = readAll(plain, READS);
      long plainGets = counter.calls("get");

      NearCachedStore<String> near =
          new NearCachedStore<>(new RedisStore<>(connector, ValueCodec.utf8String(), name));
      counter.reset();
      long nearNanos = readAll(near, READS);
      long nearGets = counter.calls("get");

      assertThat(plainGets).isEqualTo(READS);
      assertThat(nearGets).isEqualTo(KEYS);
      assertThat(near.nearHits()).isEqualTo(READS - KEYS);
      assertThat(near.redisHits()).isEqualTo(KEYS);
      assertThat(near.roundTripsSaved()).isEqualTo(READS - KEYS);
      Measurements.record("NearCacheHotKeyTest", String.format(
          "%d reads over %d keys: without near cache %d GETs in %.1f ms (%.1f us/read);"
              + " with near cache %d GETs in %.1f ms (%.2f us/read), %d round trips saved",
          READS, KEYS, plainGets, plainNanos / 1e6, plainNanos / 1e3 / READS,
          nearGets, nearNanos / 1e6, nearNanos / 1e3 / READS, near.roundTripsSaved()));
    }
  }

  private static long readAll(CacheStore<String> store, int reads) {
    long start = System.nanoTime();
    for (int i = 0; i < reads; i++) {
      if (store.get("odds:" + (i % KEYS)) == null) {
        throw new AssertionError("miss on a hot key");
      }
    }
    return System.nanoTime() - start;
  }
}
