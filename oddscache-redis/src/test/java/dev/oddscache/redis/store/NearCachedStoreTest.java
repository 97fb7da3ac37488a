package dev.oddscache.redis.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.Measurements;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import dev.oddscache.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The near cache: served while fresh, refreshed from Redis after, and dropped in every process
 * when one of them invalidates. The "other process" is a second connector with its own near
 * cache on the same namespace, as a second JVM would have.
 */
class NearCachedStoreTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DELIVERY_BOUND = Duration.ofSeconds(2);
  private static final Duration MEASURED_POLL = Duration.ofMillis(5);
  private static final Tags CLASICO_1X2 = Tags.of("clasico", Set.of("1x2"));

  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T20:00:00Z"));
  private final String name = SharedRedisServer.uniqueName();
  private final NearCachedStore<String> here = near(SharedRedisServer.connector());
  private final RedisConnector otherConnector =
      RedisConnector.open(SharedRedisServer.settings(SharedRedisServer.uri()));
  private final NearCachedStore<String> there = near(otherConnector);

  @AfterEach
  void closeOtherProcess() {
    there.close();
    otherConnector.close();
    here.close();
  }

  private NearCachedStore<String> near(RedisConnector connector) {
    return new NearCachedStore<>(new RedisStore<>(connector, ValueCodec.utf8String(), name),
        InMemoryStoreConfig.ofDefaults(), ticker);
  }

  private StoredValue<String> fresh(String v, long ttlSeconds) {
    return new StoredValue<>(v, ticker.epochMillis(), ttlSeconds, 1_000_000L);
  }

  @Test
  void get_secondRead_isServedNearWithoutRedis() {
    here.put("k", fresh("v", 10), CLASICO_1X2, HOUR);

    assertThat(there.get("k").value()).isEqualTo("v");
    assertThat(there.get("k").value()).isEqualTo("v");
    assertThat(here.get("k").value()).isEqualTo("v");

    assertThat(there.redisHits()).isEqualTo(1);
    assertThat(there.nearHits()).isEqualTo(1);
    assertThat(here.nearHits()).isEqualTo(1);
    assertThat(here.redisHits()).isZero();
    assertThat(there.roundTripsSaved()).isEqualTo(1);
  }

  @Test
  void get_pastTheValuesTtl_goesToRedisAgain() {
    here.put("k", fresh("v", 10), CLASICO_1X2, HOUR);
    assertThat(here.get("k")).isNotNull();

    ticker.advance(Duration.ofSeconds(10));

    assertThat(here.get("k").value()).isEqualTo("v");
    assertThat(here.nearHits()).isEqualTo(1);
    assertThat(here.redisHits()).isEqualTo(1);
  }

  @Test
  void get_olderValueFromRedis_isKeptOnlyForWhatIsLeftOfItsTtl() {
    StoredValue<String> aged = fresh("v", 10);
    here.put("k", aged, CLASICO_1X2, HOUR);
    ticker.advance(Duration.ofSeconds(6));

    there.get("k");
    there.get("k");
    ticker.advance(Duration.ofSeconds(4));
    there.get("k");

    assertThat(there.redisHits()).isEqualTo(2);
    assertThat(there.nearHits()).isEqualTo(1);
  }

  @Test
  void put_ttlZero_isNotKeptNearAndDropsTheOldCopy() {
    here.put("k", fresh("calm", 60), CLASICO_1X2, HOUR);

    here.put("k", fresh("panic", 0), CLASICO_1X2, HOUR);

    assertThat(here.get("k").value()).isEqualTo("panic");
    assertThat(here.get("k").value()).isEqualTo("panic");
    assertThat(here.nearHits()).isZero();
    assertThat(here.redisHits()).isEqualTo(2);
  }

  @Test
  void removeTagged_inOneProcess_dropsTheOtherProcesssCopy() {
    assertInvalidationReachesTheOtherProcess(s -> s.removeTagged("clasico", List.of("1X2")));
  }

  @Test
  void removeMatch_inOneProcess_dropsTheOtherProcesssCopy() {
    assertInvalidationReachesTheOtherProcess(s -> s.removeMatch("clasico"));
  }

  @Test
  void removeAll_inOneProcess_dropsTheOtherProcesssCopy() {
    assertInvalidationReachesTheOtherProcess(NearCachedStore::removeAll);
  }

  @Test
  void remove_inOneProcess_dropsTheOtherProcesssCopy() {
    assertInvalidationReachesTheOtherProcess(s -> s.remove("k"));
  }

  @Test
  void removeTagged_otherMarkets_keepTheirNearCopies() {
    here.put("k", fresh("v", 60), CLASICO_1X2, HOUR);
    here.put("c", fresh("corners", 60), Tags.of("clasico", Set.of("corners")), HOUR);
    there.get("k");
    there.get("c");

    here.removeTagged("clasico", List.of("1x2"));
    Poll.await("k dropped in the other process").atMost(DELIVERY_BOUND)
        .until(() -> there.get("k") == null);

    long before = there.nearHits();
    assertThat(there.get("c").value()).isEqualTo("corners");
    assertThat(there.nearHits()).isEqualTo(before + 1);
  }

  @Test
  void unreadableMessage_dropsEveryNearCopy() {
    here.put("k", fresh("v", 60), CLASICO_1X2, HOUR);
    there.get("k");
    assertThat(there.get("k")).isNotNull();
    long nearHits = there.nearHits();
    // Redis still has the value: a Redis hit after the message proves the near copy was dropped.

    SharedRedisServer.connector().publish(
        SharedRedisServer.connector().prefix() + ":" + name + ":invalidate", "someone sends %zz");

    Poll.await("k read from Redis again").atMost(DELIVERY_BOUND).until(() -> {
      there.get("k");
      return there.redisHits() > 1;
    });
    assertThat(there.nearHits()).isGreaterThanOrEqualTo(nearHits);
  }

  @Test
  void ownMessages_areIgnored() {
    here.put("k", fresh("v", 60), CLASICO_1X2, HOUR);
    here.removeTagged("clasico", List.of("btts"));
    here.put("j", fresh("w", 60), CLASICO_1X2, HOUR);

    // If "here" acted on its own btts message it would drop everything (it does not: it skips it).
    there.removeTagged("clasico", List.of("corners"));
    Poll.await("j still near").atMost(DELIVERY_BOUND).until(() -> here.get("j") != null);
    assertThat(here.nearHits()).isPositive();
    assertThat(here.isSubscribed()).isTrue();
  }

  private void assertInvalidationReachesTheOtherProcess(
      Consumer<NearCachedStore<String>> invalidation) {
    here.put("k", fresh("v", 60), CLASICO_1X2, HOUR);
    assertThat(there.get("k")).isNotNull();
    assertThat(there.get("k")).isNotNull();
    assertThat(there.nearHits()).isEqualTo(1);

    long start = System.nanoTime();
    invalidation.accept(here);
    // Checked every 5 ms, not every Poll.INTERVAL: the time it took is measured.
    Poll.await("the other process seeing the invalidation").atMost(DELIVERY_BOUND)
        .pollInterval(MEASURED_POLL).until(() -> there.get("k") == null);
    long micros = (System.nanoTime() - start) / 1_000;

    assertThat(here.get("k")).isNull();
    Measurements.record("NearCachedStoreTest",
        "invalidation seen by the other process after " + micros + " us");
  }
}
