package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.testing.LogCapture;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redis down or hung mid-panic, with the default 50 ms command timeout: calls
 * answer from this process's knowledge within about one timeout, nothing throws, the fallback is
 * counted and logged once per outage, and the clock resynchronises by itself when Redis answers.
 */
class PanicFailSafeTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final long TIMEOUT_MILLIS = RedisSettings.DEFAULT_COMMAND_TIMEOUT.toMillis();
  /**
   * What a call may take beyond the command timeout on a busy test machine. The defect this
   * guards against is a call that waits for Lettuce's 60 s default or a reconnect backoff, so
   * a second of slack keeps the test meaningful; 200 ms failed twice at a load average of 12.
   */
  private static final long SLACK_MILLIS = 1_000;

  private final ManualTicker ticker = new ManualTicker();
  private RedisServerProcess server;
  private RedisConnector redis;

  @RegisterExtension
  final LogCapture logs = LogCapture.of(RedisPanicClock.class);

  @BeforeEach
  void start() {
    server = RedisServerProcess.start();
  }

  @AfterEach
  void stop() {
    try {
      if (redis != null) {
        redis.close();
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void redisStopped_answersFromMemoryWithinTheTimeout_andResynchronisesAfterEachRestart() {
    redis = TestRedis.strict(server.uri());
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
    assertThat(clock.observe("m1", Status.PANIC, T0)).isEqualTo(T0);
    long worstNanos = 0;

    for (int outage = 1; outage <= 2; outage++) {
      String newMatch = "new" + outage;
      server.stop();
      long firstSeen = T0 + outage * 100_000L;
      for (int i = 0; i < 300; i++) {
        // 10 ms of ticker time per round: the memory of starts and the retry interval both pass.
        ticker.advanceMillis(10);
        long now = firstSeen + i * 10L;
        long[] starts = new long[3];
        worstNanos = Math.max(worstNanos, timed(() -> clock.observe("m1", Status.PANIC, now),
            starts, 0));
        worstNanos = Math.max(worstNanos, timed(() -> clock.observe(newMatch, Status.PANIC, now),
            starts, 1));
        worstNanos = Math.max(worstNanos, timed(() -> clock.panicStart("m1", now), starts, 2));
        assertThat(starts).containsExactly(T0, firstSeen, T0);
      }
      assertThat(clock.inFallback()).isTrue();
      assertThat(clock.fallbacks()).isEqualTo(outage);

      server.restart();
      TestRedis.awaitConnected(redis);
      // The clock may not see the reconnection at once; the retry interval is the guarantee.
      ticker.advance(RedisPanicClock.RETRY_INTERVAL);
      long after = firstSeen + 10_000;

      assertThat(clock.observe("m1", Status.PANIC, after)).isEqualTo(T0);
      assertThat(clock.inFallback()).isFalse();
      try (RedisAdmin admin = new RedisAdmin(server.uri())) {
        // The restarted Redis is empty: both starts came back from this process's memory.
        assertThat(admin.sync().get(clock.key("m1"))).isEqualTo(Long.toString(T0));
        assertThat(admin.sync().get(clock.key(newMatch))).isEqualTo(Long.toString(firstSeen));
        assertThat(admin.sync().pttl(clock.key("m1"))).isGreaterThan(86_000_000L);
      }
    }

    Figures.record("worst call latency while redis was stopped (ms)", worstNanos / 1e6);
    assertThat(worstNanos / 1_000_000).isLessThan(TIMEOUT_MILLIS + SLACK_MILLIS);
    assertThat(clock.fallbacks()).isEqualTo(2);
    assertThat(lines(Level.WARN, "falling back")).isEqualTo(2);
    assertThat(lines(Level.WARN, "back on redis")).isEqualTo(2);
  }

  @Test
  void redisHung_eachTryWaitsOneTimeout_calmDuringTheOutageIsDeletedOnReturn() {
    redis = TestRedis.strict(server.uri());
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
    clock.observe("m1", Status.PANIC, T0);
    clock.observe("m3", Status.PANIC, T0);
    try (RedisAdmin admin = new RedisAdmin(server.uri())) {
      // Every client's commands wait until the pause ends: a Redis that accepts and never answers.
      admin.sync().clientPause(1_500);
      long worstNanos = 0;
      long[] starts = new long[1];

      // Each round passes the memory and the retry interval, so each tries Redis and times out.
      for (int i = 0; i < 5; i++) {
        ticker.advanceSeconds(2);
        long now = T0 + 2_000L * (i + 1);
        worstNanos = Math.max(worstNanos,
            timed(() -> clock.observe("m1", Status.PANIC, now), starts, 0));
        assertThat(starts[0]).isEqualTo(T0);
        assertThat(clock.inFallback()).isTrue();
        // Between tries, calls answer from memory at once.
        long local = timed(() -> clock.observe("m1", Status.PANIC, now + 1), starts, 0);
        assertThat(local / 1_000_000).isLessThan(TIMEOUT_MILLIS);
      }
      clock.observe("m3", Status.NORMAL, T0 + 11_000);
      Figures.record("worst call latency while redis was hung (ms)", worstNanos / 1e6);
      assertThat(worstNanos / 1_000_000).isLessThan(TIMEOUT_MILLIS + SLACK_MILLIS);
      assertThat(worstNanos / 1_000_000).isGreaterThanOrEqualTo(TIMEOUT_MILLIS - 5);

      // Returns when the pause is over.
      assertThat(admin.sync().ping()).isEqualTo("PONG");
      ticker.advanceSeconds(2);

      assertThat(clock.observe("m1", Status.PANIC, T0 + 20_000)).isEqualTo(T0);
      assertThat(clock.inFallback()).isFalse();
      assertThat(clock.fallbacks()).isEqualTo(1);
      assertThat(admin.sync().exists(clock.key("m3"))).isZero();
      assertThat(admin.sync().get(clock.key("m1"))).isEqualTo(Long.toString(T0));
    }
  }

  @Test
  void clockStartedWhileRedisIsDown_worksLocally_andPublishesWhenRedisComes() {
    server.stop();
    redis = RedisConnector.open(RedisSettings.custom().uri(server.uri())
        .reconnectInterval(Duration.ofMillis(100)).build());
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);

    assertThat(clock.observe("m1", Status.PANIC, T0)).isEqualTo(T0);
    assertThat(clock.observe("m1", Status.PANIC, T0 + 5_000)).isEqualTo(T0);
    assertThat(clock.inFallback()).isTrue();

    server.restart();
    TestRedis.awaitConnected(TestRedis.warm(redis));
    ticker.advance(RedisPanicClock.RETRY_INTERVAL);

    assertThat(clock.observe("m1", Status.PANIC, T0 + 60_000)).isEqualTo(T0);
    assertThat(clock.inFallback()).isFalse();
    try (RedisAdmin admin = new RedisAdmin(server.uri())) {
      assertThat(admin.sync().get(clock.key("m1"))).isEqualTo(Long.toString(T0));
    }
  }

  /** Runs {@code call}, stores its result in {@code results[index]}, returns its duration. */
  private static long timed(LongSupplier call, long[] results, int index) {
    long before = System.nanoTime();
    results[index] = call.getAsLong();
    return System.nanoTime() - before;
  }

  private long lines(Level level, String text) {
    return logs.events().stream()
        .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text)).count();
  }
}
