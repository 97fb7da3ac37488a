package dev.oddscache.redis.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.testing.RawRedis;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.SharedRedisServer;
import dev.oddscache.testing.Poll;
import dev.oddscache.vix.DriftStamp;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.TickResult;
import dev.oddscache.vix.VixDetector;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fleet's feed on a real redis-server: every feed applies the whole stream, its own entries
 * once; a new feed replays; Redis down means local apply and a backlog appended later, marked so
 * its origin skips it; a trimmed stream is a counted gap.
 */
class RedisFeedTest {
  private static final long NOW = System.currentTimeMillis();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closed(T c) {
    closing.add(c);
    return c;
  }

  private RedisConnector connector(String uri, String prefix) {
    return closed(RedisConnector.open(RedisSettings.custom().uri(uri).prefix(prefix)
        .commandTimeout(SharedRedisServer.COMMAND_TIMEOUT).build()));
  }

  private RedisFeed feed(RedisConnector redis, String id, VixDetector vix, FeedConfig config) {
    RedisFeed feed = closed(RedisFeed.start(redis, config, id, vix));
    assertThat(feed.awaitReplay(Duration.ofSeconds(10))).as("replay of " + id).isTrue();
    return feed;
  }

  private static List<FeedEvent> panicTicks(String match, long at) {
    return List.of(new FeedEvent.Tick(new OddsTick(match, "1x2", "home", 2.0, at)),
        new FeedEvent.Tick(new OddsTick(match, "1x2", "home", 4.0, at + 1)));
  }

  @Test
  void ownTicks_appliedOnce_fromTheStream_andReachTheOtherFeed() {
    String prefix = SharedRedisServer.uniqueName();
    RedisConnector redis = connector(SharedRedisServer.uri(), prefix);
    VixDetector a = VixDetector.ofDefaults();
    VixDetector b = VixDetector.ofDefaults();
    RedisFeed feedA = feed(redis, "a", a, FeedConfig.ofDefaults());
    feed(connector(SharedRedisServer.uri(), prefix), "b", b, FeedConfig.ofDefaults());

    TickResult[] results = feedA.publish(panicTicks("m1", NOW));

    assertThat(results).allSatisfy(r -> assertThat(r.isAccepted()).isTrue());
    assertThat(results[1].status()).isEqualTo(Status.PANIC);
    assertThat(a.acceptedTicks()).as("applied once, from the stream").isEqualTo(2);
    assertThat(feedA.stats().appliedLocally()).isZero();
    Poll.await("the other feed has the ticks").untilAsserted(() ->
        assertThat(b.acceptedTicks()).isEqualTo(2));
    assertThat(b.matchStatus("m1", NOW + 2)).isEqualTo(Status.PANIC);
    assertThat(b.epoch("m1", "1x2", NOW + 2)).isEqualTo(a.epoch("m1", "1x2", NOW + 2));
  }

  @Test
  void marketStatus_advancesEpochs_onEveryFeed() {
    String prefix = SharedRedisServer.uniqueName();
    VixDetector a = VixDetector.ofDefaults();
    VixDetector b = VixDetector.ofDefaults();
    RedisFeed feedA = feed(connector(SharedRedisServer.uri(), prefix), "a", a,
        FeedConfig.ofDefaults());
    feed(connector(SharedRedisServer.uri(), prefix), "b", b, FeedConfig.ofDefaults());
    feedA.publish(List.of(new FeedEvent.Tick(new OddsTick("m1", "win", "1", 3.0, NOW))));
    Poll.await().untilAsserted(() -> assertThat(b.acceptedTicks()).isEqualTo(1));
    DriftStamp before = b.stamp("m1", List.of("win"), NOW + 1);
    DriftStamp beforeHere = a.stamp("m1", List.of("win"), NOW + 1);
    assertThat(before).isEqualTo(beforeHere);

    TickResult[] results =
        feedA.publish(List.of(new FeedEvent.MarketStatus("m1", "win", NOW + 1)));

    assertThat(results).containsExactly((TickResult) null);
    assertThat(a.drifted(beforeHere, NOW + 2)).as("applied here before publish returns")
        .isTrue();
    Poll.await("the suspension reached the other feed").untilAsserted(() ->
        assertThat(b.drifted(before, NOW + 2)).isTrue());
    assertThat(b.epoch("m1", "win", NOW + 2)).isEqualTo(a.epoch("m1", "win", NOW + 2));
  }

  @Test
  void newFeed_replaysTheWindow_andNothingOlderWithoutOne() {
    String prefix = SharedRedisServer.uniqueName();
    VixDetector a = VixDetector.ofDefaults();
    feed(connector(SharedRedisServer.uri(), prefix), "a", a, FeedConfig.ofDefaults())
        .publish(panicTicks("m1", NOW));

    VixDetector late = VixDetector.ofDefaults();
    feed(connector(SharedRedisServer.uri(), prefix), "late", late, FeedConfig.ofDefaults());
    VixDetector none = VixDetector.ofDefaults();
    feed(connector(SharedRedisServer.uri(), prefix), "none", none,
        FeedConfig.custom().replayWindow(Duration.ZERO).build());

    assertThat(late.acceptedTicks()).as("replayed before the replay is reported done")
        .isEqualTo(2);
    assertThat(late.matchStatus("m1", NOW + 2)).isEqualTo(Status.PANIC);
    assertThat(none.acceptedTicks()).isZero();
  }

  @Test
  void redisDown_appliesLocally_thenAppendsInOrder_andItsOriginSkipsThem() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start()) {
      String prefix = SharedRedisServer.uniqueName();
      VixDetector a = VixDetector.ofDefaults();
      RedisFeed feedA = feed(connector(server.uri(), prefix), "a", a, FeedConfig.ofDefaults());
      server.stop();

      TickResult[] results = feedA.publish(panicTicks("m1", NOW));

      assertThat(results[1].status()).as("applied here at once").isEqualTo(Status.PANIC);
      assertThat(a.acceptedTicks()).isEqualTo(2);
      assertThat(feedA.stats().backlog()).isEqualTo(2);
      server.restart();
      Poll.await("backlog appended").untilAsserted(() -> {
        assertThat(feedA.stats().backlog()).isZero();
        assertThat(feedA.stats().skippedOwn()).isEqualTo(2);
      });
      assertThat(a.acceptedTicks()).as("not applied again").isEqualTo(2);
      try (RawRedis raw = new RawRedis(server.uri())) {
        var entries = raw.sync().xrange(RedisFeed.streamKey(prefix),
            Range.unbounded());
        assertThat(entries).hasSize(2);
        assertThat(entries).allSatisfy(e ->
            assertThat(new String(e.getBody().get("p"), StandardCharsets.UTF_8)).isEqualTo("1"));
        assertThat(new String(entries.get(1).getBody().get("o"), StandardCharsets.UTF_8))
            .as("in order").isEqualTo("4.0");
      }
      VixDetector b = VixDetector.ofDefaults();
      feed(connector(server.uri(), prefix), "b", b, FeedConfig.ofDefaults());
      assertThat(b.acceptedTicks()).as("the other instances apply them").isEqualTo(2);
      assertThat(b.matchStatus("m1", NOW + 2)).isEqualTo(Status.PANIC);
    }
  }

  @Test
  void appendTimedOutButRun_isAppliedOnceEverywhere() throws Exception {
    try (RedisServerProcess server = RedisServerProcess.start();
        RawRedis raw = new RawRedis(server.uri())) {
      String prefix = SharedRedisServer.uniqueName();
      RedisConnector fast = closed(RedisConnector.open(RedisSettings.custom().uri(server.uri())
          .prefix(prefix).commandTimeout(Duration.ofMillis(50)).build()));
      VixDetector a = VixDetector.ofDefaults();
      RedisFeed feedA = feed(fast, "a", a, FeedConfig.ofDefaults());
      VixDetector b = VixDetector.ofDefaults();
      RedisFeed feedB = feed(connector(server.uri(), prefix), "b", b, FeedConfig.ofDefaults());
      // Writes wait 500 ms on the server: the XADDs time out here, then run.
      raw.sync().clientPause(500);

      TickResult[] results = feedA.publish(panicTicks("m1", NOW));

      assertThat(results[1].status()).as("applied here when the append timed out")
          .isEqualTo(Status.PANIC);
      Poll.await("the timed-out appends ran, then the backlog went").untilAsserted(() -> {
        assertThat(feedA.stats().backlog()).isZero();
        assertThat(feedA.stats().skippedOwn()).isGreaterThanOrEqualTo(4);
        assertThat(feedB.stats().duplicates()).isGreaterThanOrEqualTo(2);
      });
      assertThat(a.acceptedTicks()).as("applied once on A").isEqualTo(2);
      assertThat(b.acceptedTicks()).as("applied once on B").isEqualTo(2);
    }
  }

  @Test
  void streamTrimmedPastTheLastRead_isACountedGap_andReadingGoesOnFromTheOldest()
      throws Exception {
    String prefix = SharedRedisServer.uniqueName();
    RedisConnector redis = connector(SharedRedisServer.uri(), prefix);
    String key = RedisFeed.streamKey(prefix);
    CountDownLatch stall = new CountDownLatch(1);
    List<String> applied = new CopyOnWriteArrayList<>();
    FeedReader reader = new FeedReader(redis, key, Duration.ofMinutes(15), entry -> {
      applied.add(((FeedEvent.Tick) entry.event()).tick().selection());
      if (applied.size() == 1) {
        try {
          stall.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    });
    closing.add(reader::close);
    reader.start();
    assertThat(reader.awaitCaughtUp(Duration.ofSeconds(10))).isTrue();
    try (RawRedis raw = new RawRedis(SharedRedisServer.uri())) {
      raw.sync().xadd(key, entry("s1"));
      Poll.await("first entry read").until(() -> applied.size() == 1);
      // While the reader is busy: four more entries, then trimmed to the last, in one step.
      raw.sync().eval("for i = 2, 5 do redis.call('XADD', KEYS[1], '*', 'm', 'm1', 'k', 'win',"
          + " 's', 's' .. i, 'o', '2.0', 't', '1', 'i', 'x', 'q', tostring(i)) end"
          + " redis.call('XTRIM', KEYS[1], 'MAXLEN', 1) return 1",
          ScriptOutputType.INTEGER, key);
      stall.countDown();

      Poll.await("the oldest entry read").until(() -> applied.size() == 2);
      assertThat(applied).containsExactly("s1", "s5");
      assertThat(reader.gaps()).isEqualTo(1);
    }
  }

  @Test
  void malformedEntry_isSkippedAndCounted() {
    String prefix = SharedRedisServer.uniqueName();
    VixDetector a = VixDetector.ofDefaults();
    RedisFeed feedA = feed(connector(SharedRedisServer.uri(), prefix), "a", a,
        FeedConfig.ofDefaults());
    try (RawRedis raw = new RawRedis(SharedRedisServer.uri())) {
      raw.sync().xadd(RedisFeed.streamKey(prefix),
          Map.of("what", "else".getBytes(StandardCharsets.UTF_8)));
    }
    feedA.publish(panicTicks("m1", NOW));

    assertThat(feedA.stats().malformed()).isEqualTo(1);
    assertThat(a.acceptedTicks()).isEqualTo(2);
  }

  private static Map<String, byte[]> entry(String selection) {
    return FeedEntryCodec.encode(new FeedEntry(
        new FeedEvent.Tick(new OddsTick("m1", "win", selection, 2.0, 1)), "x", 1, false));
  }
}
