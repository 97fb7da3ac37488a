package dev.oddscache.redis.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.breaker.PanicBreaker;
import dev.oddscache.breaker.WindowCounts;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.testing.RedisServerProcess;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.testing.Poll;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The breaker window shared through a real Redis by two connectors standing for two processes. */
class RedisPanicWindowTest {
  private static RedisServerProcess server;
  private RedisConnector processA;
  private RedisConnector processB;
  private String name;

  @BeforeAll
  static void startRedis() {
    server = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() {
    server.close();
  }

  @BeforeEach
  void connect() {
    processA = RedisConnector.open(RedisSettings.custom().uri(server.uri()).build());
    processB = RedisConnector.open(RedisSettings.custom().uri(server.uri()).build());
    name = UUID.randomUUID().toString();
    // A cold JVM's first command can exceed the 50 ms timeout (class loading); that fallback is
    // tested on purpose below, so start warm here.
    RedisTestSupport.warmUp(processA);
    RedisTestSupport.warmUp(processB);
  }

  @AfterEach
  void disconnect() {
    processA.close();
    processB.close();
  }

  private RedisPanicWindow window(RedisConnector redis, Duration length) {
    return new RedisPanicWindow(redis, length, name);
  }

  @Test
  void bothProcessesSeeTheSumWithinASecond() {
    RedisPanicWindow a = window(processA, Duration.ofMinutes(30));
    RedisPanicWindow b = window(processB, Duration.ofMinutes(30));
    for (int i = 0; i < 10; i++) {
      a.record(true, 1_000);
    }
    for (int i = 0; i < 30; i++) {
      b.record(false, 1_000);
    }

    WindowCounts aFirst = a.counts(1_001);
    WindowCounts bFirst = b.counts(1_001);
    WindowCounts aNext = a.counts(1_002);

    assertThat(aFirst).isEqualTo(new WindowCounts(10, 10, 1));
    assertThat(bFirst).isEqualTo(new WindowCounts(10, 40, 1));
    assertThat(aNext).isEqualTo(new WindowCounts(10, 40, 2));
    assertThat(a.inFallback()).isFalse();
  }

  @Test
  void onlyCompleteSecondsInsideTheWindowCount() {
    RedisPanicWindow a = window(processA, Duration.ofSeconds(10));
    a.record(true, 100);
    a.record(false, 105);
    a.record(true, 110);

    assertThat(a.counts(110)).isEqualTo(new WindowCounts(1, 2, 10));
    assertThat(a.counts(111)).isEqualTo(new WindowCounts(1, 2, 10));
    assertThat(a.counts(115)).isEqualTo(new WindowCounts(1, 2, 10));
    assertThat(a.counts(116)).isEqualTo(new WindowCounts(1, 1, 10));
    assertThat(a.counts(121)).isEqualTo(new WindowCounts(0, 0, 10));
  }

  @Test
  void breakerMakesAtMostOneRoundTripPerSecondAndNonePerRequest() {
    ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T17:00:00Z"));
    RedisPanicWindow shared = window(processA, Duration.ofMinutes(30));
    PanicBreaker breaker = PanicBreaker.of(BreakerConfig.ofDefaults(), ticker, shared);

    for (int second = 0; second < 10; second++) {
      for (int i = 0; i < 1_000; i++) {
        breaker.record(Status.PANIC);
      }
      ticker.advanceSeconds(1);
    }
    breaker.evaluate();

    // Seconds 0 to 10 were each evaluated once: eleven round trips for 10 000 requests.
    assertThat(shared.roundTrips()).isEqualTo(11);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
    assertThat(breaker.state().samples()).isEqualTo(10_000);
  }

  @Test
  void twoProcessesReachTheSameModeAtTheSameSecond() {
    ManualTicker tickerA = new ManualTicker(Instant.parse("2026-03-01T17:00:00Z"));
    ManualTicker tickerB = new ManualTicker(Instant.parse("2026-03-01T17:00:00Z"));
    PanicBreaker a = PanicBreaker.of(BreakerConfig.ofDefaults(), tickerA,
        window(processA, Duration.ofMinutes(30)));
    PanicBreaker b = PanicBreaker.of(BreakerConfig.ofDefaults(), tickerB,
        window(processB, Duration.ofMinutes(30)));

    // A sees only calm traffic, B only panics: alone, A would stay NORMAL.
    for (int second = 0; second < 5; second++) {
      for (int i = 0; i < 20; i++) {
        a.record(Status.NORMAL);
        b.record(Status.PANIC);
        b.record(Status.PANIC);
        b.record(Status.PANIC);
        b.record(Status.PANIC);
      }
      tickerA.advanceSeconds(1);
      tickerB.advanceSeconds(1);
      a.evaluate();
      b.evaluate();
    }
    tickerA.advanceSeconds(1);
    a.evaluate();

    assertThat(b.state().panicRatio()).isEqualTo(0.8);
    assertThat(a.state().panicRatio()).isEqualTo(0.8);
    assertThat(a.mode()).isEqualTo(b.mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
  }

  @Test
  void redisDownFallsBackLocallyAndLosesNothingWhenBack() {
    RedisPanicWindow a = window(processA, Duration.ofMinutes(30));
    a.record(true, 2_000);
    assertThat(a.counts(2_001)).isEqualTo(new WindowCounts(1, 1, 1));

    server.stop();
    a.record(false, 2_001);
    long start = System.nanoTime();
    WindowCounts during = a.counts(2_002);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(during).isEqualTo(new WindowCounts(1, 2, 2));
    assertThat(a.inFallback()).isTrue();
    assertThat(tookMillis).as("fallback answers within the command timeout").isLessThan(1_000);

    server.restart();
    // The restarted Redis is empty: the re-queued second 2001 is flushed again, 2000 was lost
    // with the crashed server's memory (the local window still had it while Redis was away).
    WindowCounts after = awaitShared(a, 2_003);
    assertThat(after.total()).isEqualTo(1);
    assertThat(a.inFallback()).isFalse();
  }

  private static WindowCounts awaitShared(RedisPanicWindow window, long now) {
    // Lettuce reconnects in the background after the restart; ask until the shared path answers.
    return Poll.await("the shared window answering again").atMost(Duration.ofSeconds(20))
        .until(() -> window.counts(now), counts -> !window.inFallback());
  }
}
