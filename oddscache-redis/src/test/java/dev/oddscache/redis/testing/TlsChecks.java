package dev.oddscache.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.panic.RedisPanicClock;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What every TLS setup must carry, checked the same way for a private CA and for mutual TLS:
 * the store, the panic clock shared by two connectors, and pub/sub on its own connection.
 */
public final class TlsChecks {
  private static final long T0 = 1_767_225_600_000L;

  private TlsChecks() {}

  /** A put and a get through {@code redis}, which stays healthy. */
  public static void storeRoundTrips(RedisConnector redis, String prefix) {
    RedisStore<String> store = new RedisStore<>(redis, ValueCodec.utf8String(), prefix);

    store.put("odds:clasico", new StoredValue<>("1.85", System.currentTimeMillis(), 60, 1_000L),
        Tags.of("clasico", Set.of("1x2")), Duration.ofHours(1));

    assertThat(store.get("odds:clasico").value()).isEqualTo("1.85");
    assertThat(redis.health()).isEqualTo(StoreHealth.HEALTHY);
  }

  /** Two connectors from {@code open} see one panic start for {@code match}. */
  public static void panicClockIsShared(Supplier<RedisConnector> open, String match) {
    ManualTicker ticker = new ManualTicker();
    try (RedisConnector first = open.get(); RedisConnector second = open.get()) {
      RedisPanicClock a = new RedisPanicClock(first, PanicClockConfig.ofDefaults(), ticker);
      RedisPanicClock b = new RedisPanicClock(second, PanicClockConfig.ofDefaults(), ticker);

      long startSeenByA = a.observe(match, Status.PANIC, T0);
      long startSeenByB = b.observe(match, Status.PANIC, T0 + 5_000);

      assertThat(startSeenByA).isEqualTo(T0);
      assertThat(startSeenByB).as("the second connector reads the first one's start from Redis")
          .isEqualTo(T0);
      assertThat(a.inFallback()).isFalse();
      assertThat(b.inFallback()).isFalse();
    }
  }

  /** A message published by one connector from {@code open} reaches a subscriber on another. */
  public static void pubSubCrosses(Supplier<RedisConnector> open, String channel)
      throws Exception {
    try (RedisConnector subscriber = open.get(); RedisConnector publisher = open.get()) {
      CompletableFuture<String> received = new CompletableFuture<>();
      subscriber.subscribe(channel, (c, message) -> received.complete(message));

      publisher.publish(channel, "invalidate odds:clasico");

      assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("invalidate odds:clasico");
    }
  }
}
