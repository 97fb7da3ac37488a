package dev.oddscache.redis.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.testing.Measurements;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.store.StoreException;
import dev.oddscache.store.StoreHealth;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Redis killed under the stores: every call fails fast with a StoreException (never a hang),
 * health says FALLBACK, and once Redis is back the same store objects work again — with the
 * near copies dropped, since invalidations may have been missed meanwhile. Uses its own server
 * with the default 50 ms command timeout.
 */
class RedisOutageTest {
  /** The default command timeout is 50 ms; twice that leaves room for a loaded machine. */
  private static final long FAIL_FAST_MILLIS = 100;
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(15);
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Tags TAGS = Tags.of("clasico", Set.of("1x2"));

  private final RedisServerProcess server = RedisServerProcess.start();
  private final RedisConnector connector =
      RedisConnector.open(RedisSettings.custom().uri(server.uri()).build());
  private final RedisStore<String> store = new RedisStore<>(connector, ValueCodec.utf8String());
  private final NearCachedStore<String> near =
      new NearCachedStore<>(new RedisStore<>(connector, ValueCodec.utf8String(), "near"));

  @AfterEach
  void stop() {
    connector.close();
    server.close();
  }

  private static StoredValue<String> fresh(String v) {
    return new StoredValue<>(v, System.currentTimeMillis(), 60, 1_000_000L);
  }

  /**
   * The first commands of a cold JVM can exceed 50 ms (class loading, JIT): wait, bounded, until
   * Redis answers within the timeout, so that the outage is the only thing tested.
   */
  @BeforeEach
  void warmUp() {
    Poll.await("Redis answering within the timeout").atMost(RECOVERY_BOUND).until(() -> {
      try {
        store.put("warm", fresh("up"), TAGS, HOUR);
        return near.get("warm") == null;
      } catch (StoreException e) {
        return false;
      }
    });
  }

  @Test
  void redisDown_callsFailFastAndHealthIsFallback_thenTheSameStoresRecover() {
    store.put("k", fresh("before"), TAGS, HOUR);
    near.put("n", fresh("before"), TAGS, HOUR);
    assertThat(near.get("n").value()).isEqualTo("before");
    assertThat(near.nearHits()).isEqualTo(1);

    server.stop();

    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      millis.add(failsFast(() -> store.get("k")));
      millis.add(failsFast(() -> store.put("k", fresh("during"), TAGS, HOUR)));
      millis.add(failsFast(() -> near.get("n")));
    }
    assertThat(store.health()).isEqualTo(StoreHealth.FALLBACK);
    assertThat(near.health()).isEqualTo(StoreHealth.FALLBACK);
    assertThat(near.nearHits()).as("no near copy is trusted while Redis is away").isEqualTo(1);
    Measurements.record("RedisOutageTest", "failed calls while Redis was down took (ms) " + millis);

    server.restart();

    Poll.await("a write reaching Redis again").atMost(RECOVERY_BOUND).until(() -> {
      try {
        store.put("k", fresh("after"), TAGS, HOUR);
        return true;
      } catch (StoreException e) {
        return false;
      }
    });
    assertThat(store.get("k").value()).isEqualTo("after");
    assertThat(store.health()).isEqualTo(StoreHealth.HEALTHY);
    // The restarted server is empty: a value here could only come from a surviving near copy.
    assertThat(near.get("n")).isNull();
    near.put("n", fresh("after"), TAGS, HOUR);
    assertThat(near.get("n").value()).isEqualTo("after");
    assertThat(near.nearHits()).isEqualTo(2);
  }

  @Test
  void nearCopies_areDroppedOnReconnect_evenWithoutTrafficDuringTheOutage() {
    near.put("n", fresh("v"), TAGS, HOUR);
    assertThat(near.get("n")).isNotNull();

    server.restart();
    Poll.await("Lettuce reconnected").atMost(RECOVERY_BOUND).until(connector::isConnected);

    // Lettuce reconnected by itself; the disconnect alone must have made the copy untrusted.
    assertThat(near.get("n")).isNull();
    assertThat(near.health()).isEqualTo(StoreHealth.HEALTHY);
  }

  private static long failsFast(Executable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call::execute).isInstanceOf(StoreException.class);
    long elapsed = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsed).as("a call against a dead Redis returns within %d ms", FAIL_FAST_MILLIS)
        .isLessThan(FAIL_FAST_MILLIS);
    return elapsed;
  }
}
