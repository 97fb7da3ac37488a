package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.RedisServerProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resynchronisation rule after an outage, with two clocks on their own connections standing
 * for two processes: the earliest known start of a panic survives, whichever process comes back
 * first; every panic a process saw and did not see end is restored, not only those seen during
 * the outage; starts a process only read are not pushed.
 */
class PanicResyncTest {
  private static final long S = 1_767_225_600_000L;
  private static final long MINUTE = 60_000;

  private final ManualTicker tickerA = new ManualTicker();
  private final ManualTicker tickerB = new ManualTicker();
  private RedisServerProcess server;
  private RedisConnector redisA;
  private RedisConnector redisB;
  private RedisPanicClock a;
  private RedisPanicClock b;

  @BeforeEach
  void start() {
    server = RedisServerProcess.start();
    redisA = TestRedis.patient(server.uri());
    redisB = TestRedis.patient(server.uri());
    a = new RedisPanicClock(redisA, PanicClockConfig.ofDefaults(), tickerA);
    b = new RedisPanicClock(redisB, PanicClockConfig.ofDefaults(), tickerB);
  }

  @AfterEach
  void stop() {
    try {
      redisA.close();
      redisB.close();
    } finally {
      server.stop();
    }
  }

  @Test
  void laterStartInRedis_isReplacedByTheEarlierOne_andTheOtherProcessAdoptsIt() {
    assertThat(a.observe("m", Status.PANIC, S)).isEqualTo(S);
    outageSeenBy(a, "m", S + 10_000);

    // B comes back first and knows nothing of the panic: it starts one.
    assertThat(b.observe("m", Status.PANIC, S + 5 * MINUTE)).isEqualTo(S + 5 * MINUTE);
    // A's resynchronisation: its earlier start wins.
    assertThat(a.observe("m", Status.PANIC, S + 5 * MINUTE + 1)).isEqualTo(S);
    assertThat(a.inFallback()).isFalse();
    assertThat(stored("m")).isEqualTo(S);

    tickerB.advanceSeconds(1);
    assertThat(b.observe("m", Status.PANIC, S + 5 * MINUTE + 2)).isEqualTo(S);
  }

  @Test
  void earlierStartInRedis_isAdopted() {
    assertThat(a.observe("m", Status.PANIC, S)).isEqualTo(S);
    outageSeenBy(a, "m", S + 10_000);
    try (RedisAdmin admin = new RedisAdmin(server.uri())) {
      // Another process, which saw the panic earlier, resynchronised first.
      admin.sync().set(a.key("m"), Long.toString(S - 10 * MINUTE));
    }

    assertThat(a.observe("m", Status.PANIC, S + 3 * MINUTE)).isEqualTo(S - 10 * MINUTE);
    assertThat(stored("m")).isEqualTo(S - 10 * MINUTE);
  }

  @Test
  void everyPanicSeenAndNotSeenEnding_isPushedBack_noneOnlyRead() {
    a.observe("hot", Status.PANIC, S);
    a.observe("cold", Status.PANIC, S);
    assertThat(b.panicStart("hot", S)).isEqualTo(S);

    server.stop();
    // During the outage A sees "hot" again, not "cold"; B only reads "hot".
    tickerA.advanceSeconds(2);
    assertThat(a.observe("hot", Status.PANIC, S + 10_000)).isEqualTo(S);
    tickerB.advanceSeconds(2);
    assertThat(b.panicStart("hot", S + 10_000)).isEqualTo(S);
    assertThat(a.inFallback()).isTrue();
    assertThat(b.inFallback()).isTrue();
    server.restart();
    TestRedis.awaitConnected(redisA);
    TestRedis.awaitConnected(redisB);
    tickerA.advance(RedisPanicClock.RETRY_INTERVAL);

    // B comes back first: it pushes nothing it only read, and Redis, restarted empty, has nothing.
    tickerB.advanceSeconds(2);
    assertThat(b.activePanics(S + 20_000)).isEmpty();
    assertThat(b.inFallback()).isFalse();
    assertThat(stored("hot")).isNull();

    // A restores both: "cold" too, which it did not see during the outage but never saw end
    // either (no process marked an end). Both were in Redis before: two lost starts.
    assertThat(a.observe("hot", Status.PANIC, S + 20_000)).isEqualTo(S);
    assertThat(a.inFallback()).isFalse();
    assertThat(stored("hot")).isEqualTo(S);
    assertThat(stored("cold")).isEqualTo(S);
    assertThat(a.lostStarts()).isEqualTo(2);
    // B's memory of "no panic" lasts a second; then it reads A's starts.
    assertThat(b.activePanics(S + 20_000)).isEmpty();
    tickerB.advanceSeconds(1);
    assertThat(b.activePanics(S + 21_000)).containsOnly(Map.entry("hot", S));
    assertThat(b.panicStart("cold", S + 21_000)).isEqualTo(S);
  }

  @Test
  void aPanicEndedByAnotherProcessDuringTheOutage_isNotBroughtBack() {
    assertThat(a.observe("m", Status.PANIC, S)).isEqualTo(S);
    assertThat(b.observe("m", Status.PANIC, S + 1_000)).isEqualTo(S);
    // B sees calm: the start is deleted and the end marked.
    b.observe("m", Status.NORMAL, S + 2_000);
    assertThat(stored("m")).isNull();

    // A, which never saw the calm, loses its connection and comes back.
    outageSeenBy(a, "m", S + 10_000);
    try (RedisAdmin admin = new RedisAdmin(server.uri())) {
      // The test's Redis restarts empty; B's end mark is written back, as a Redis that kept its
      // data (or a replica that had it) would hold it.
      admin.sync().set(a.endKey("m"), Long.toString(S + 2_000));
    }

    // The end at S + 2 s is after A's start: A's panic was ended, its PANIC starts a new one.
    assertThat(a.observe("m", Status.PANIC, S + 5 * MINUTE)).isEqualTo(S + 5 * MINUTE);
    assertThat(a.lostStarts()).isZero();
  }

  /**
   * Stops Redis, lets {@code clock} see PANIC for {@code matchId} while it is down (so it falls
   * back), then restarts Redis empty and waits until both connections are back.
   */
  private void outageSeenBy(RedisPanicClock clock, String matchId, long now) {
    server.stop();
    ManualTicker ticker = clock == a ? tickerA : tickerB;
    ticker.advanceSeconds(2);
    long start = clock.observe(matchId, Status.PANIC, now);
    assertThat(start).isLessThan(now);
    assertThat(clock.inFallback()).isTrue();
    server.restart();
    TestRedis.awaitConnected(redisA);
    TestRedis.awaitConnected(redisB);
    // Whether the clock notices the reconnection at once depends on when Lettuce reported it;
    // the retry interval is the guarantee.
    ticker.advance(RedisPanicClock.RETRY_INTERVAL);
  }

  private Long stored(String matchId) {
    try (RedisAdmin admin = new RedisAdmin(server.uri())) {
      String value = admin.sync().get(a.key(matchId));
      return value == null ? null : Long.parseLong(value);
    }
  }
}
