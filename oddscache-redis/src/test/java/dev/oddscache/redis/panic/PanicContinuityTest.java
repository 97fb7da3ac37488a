package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.testing.RedisFiller;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A panic in tier 2 stays in tier 2 when Redis loses its start: after FLUSHALL, after Redis
 * restarted empty while the match was idle, after eviction under {@code allkeys-lru}. The
 * process that saw the panic restores the start it holds (first writer wins, earliest start
 * wins), counts the loss, and a process started after the loss gets the original start.
 *
 * <p>Tiers come from a real {@code Decider} with short tier bounds ({@link TierProbe}) on
 * manual tickers; only Redis's own effects (a restart, evictions) are awaited, with {@link
 * Poll}.
 */
class PanicContinuityTest {
  private static final long T0 = 1_767_225_600_000L;
  /** Into tier 2 of {@link TierProbe}'s bounds (tier 1 ends at 2 min). */
  private static final Duration INTO_TIER_2 = Duration.ofMinutes(3);

  private final ManualTicker ticker = new ManualTicker(Instant.ofEpochMilli(T0));
  private RedisServerProcess server;
  private RedisConnector redis;
  private RedisConnector otherRedis;

  private TierProbe probe(List<String> serverArgs) {
    server = RedisServerProcess.start(serverArgs);
    redis = TestRedis.patient(server.uri());
    return new TierProbe(new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker),
        ticker);
  }

  @AfterEach
  void stop() {
    try {
      if (otherRedis != null) {
        otherRedis.close();
      }
      if (redis != null) {
        redis.close();
      }
    } finally {
      if (server != null) {
        server.stop();
      }
    }
  }

  @Test
  void flushall_tier2StaysTier2_theStartIsRestored_andANewProcessAgrees() {
    TierProbe a = probe(List.of());
    assertThat(a.panicTier("m")).isEqualTo(1);
    ticker.advance(INTO_TIER_2);
    assertThat(a.panicTier("m")).isEqualTo(2);

    try (RedisAdmin admin = new RedisAdmin(server.uri())) {
      admin.sync().flushall();
    }
    ticker.advanceSeconds(1);

    assertThat(a.panicTier("m")).isEqualTo(2);
    assertThat(stored(a, "m")).isEqualTo(T0);
    assertThat(a.clock().lostStarts()).isEqualTo(1);

    // A process started after the loss reads the restored start.
    ManualTicker tickerB = new ManualTicker(Instant.ofEpochMilli(ticker.epochMillis()));
    otherRedis = TestRedis.patient(server.uri());
    TierProbe b = new TierProbe(
        new RedisPanicClock(otherRedis, PanicClockConfig.ofDefaults(), tickerB), tickerB);
    assertThat(b.panicTier("m")).isEqualTo(2);
    assertThat(b.clock().panicStart("m", tickerB.epochMillis())).isEqualTo(T0);
  }

  @Test
  void aProcessThatStartedANewPanicInTheGap_isOvertakenByTheEarlierStart() {
    TierProbe a = probe(List.of());
    a.panicTier("m");
    ticker.advance(INTO_TIER_2);
    assertThat(a.panicTier("m")).isEqualTo(2);
    try (RedisAdmin admin = new RedisAdmin(server.uri())) {
      admin.sync().flushall();
    }

    // B starts within A's one-second memory: Redis has nothing, so B starts a panic now.
    ManualTicker tickerB = new ManualTicker(Instant.ofEpochMilli(ticker.epochMillis()));
    otherRedis = TestRedis.patient(server.uri());
    TierProbe b = new TierProbe(
        new RedisPanicClock(otherRedis, PanicClockConfig.ofDefaults(), tickerB), tickerB);
    assertThat(b.panicTier("m")).isEqualTo(1);

    // A's next round trip restores its earlier start over B's (no process marked an end
    // between), and B adopts it once its own memory has passed.
    ticker.advanceSeconds(1);
    assertThat(a.panicTier("m")).isEqualTo(2);
    assertThat(stored(a, "m")).isEqualTo(T0);
    tickerB.advanceSeconds(1);
    assertThat(b.panicTier("m")).isEqualTo(2);
    assertThat(a.clock().lostStarts()).isEqualTo(1);
    assertThat(b.clock().lostStarts()).isZero();
  }

  @Test
  void redisRestartedEmptyWhileTheMatchWasIdle_tier2StaysTier2() {
    TierProbe a = probe(List.of());
    a.panicTier("m");
    ticker.advance(INTO_TIER_2);
    assertThat(a.panicTier("m")).isEqualTo(2);

    // No request for the match while Redis restarts empty; another match's requests make the
    // clock resynchronise meanwhile, so the idle match's start must come back with them.
    server.restart();
    TestRedis.awaitConnected(redis);
    ticker.advanceSeconds(1);
    assertThat(a.panicTier("other")).isEqualTo(1);
    assertThat(a.clock().inFallback()).isFalse();
    assertThat(stored(a, "m")).isEqualTo(T0);
    ticker.advanceSeconds(30);

    assertThat(a.panicTier("m")).isEqualTo(2);
    assertThat(stored(a, "m")).isEqualTo(T0);
    assertThat(a.clock().lostStarts()).isEqualTo(1);
  }

  @Test
  void evictedUnderAllkeysLru_tier2StaysTier2_andEachLossIsCounted() {
    TierProbe a = probe(List.of("--maxmemory", "4mb", "--maxmemory-policy", "allkeys-lru"));
    a.panicTier("m");
    ticker.advance(INTO_TIER_2);
    assertThat(a.panicTier("m")).isEqualTo(2);

    for (int loss = 1; loss <= 2; loss++) {
      try (RedisFiller filler = new RedisFiller(server.uri())) {
        filler.fillUntilGone(a.clock().key("m"), Duration.ZERO);
      }
      ticker.advanceSeconds(1);

      assertThat(a.panicTier("m")).isEqualTo(2);
      assertThat(stored(a, "m")).isEqualTo(T0);
      assertThat(a.clock().lostStarts()).isEqualTo(loss);
    }
  }

  private Long stored(TierProbe probe, String matchId) {
    try (RedisAdmin admin = new RedisAdmin(server.uri())) {
      String value = admin.sync().get(probe.clock().key(matchId));
      return value == null ? null : Long.parseLong(value);
    }
  }
}
