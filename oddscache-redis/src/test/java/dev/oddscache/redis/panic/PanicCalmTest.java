package dev.oddscache.redis.panic;

import static dev.oddscache.panic.PanicClock.NO_PANIC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.redis.RedisConnector;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The end of a panic on Redis: DEL after the calm grace, seen by the other processes. */
class PanicCalmTest extends PatientRedisTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final PanicClockConfig GRACE_30S =
      PanicClockConfig.custom().calmGrace(Duration.ofSeconds(30)).build();

  private final ManualTicker ticker = new ManualTicker();


  @Test
  void calmGrace_keyStaysDuringTheGrace_deletedByTheFirstCalmAfterIt() {
    RedisPanicClock clock = new RedisPanicClock(redis, GRACE_30S, ticker);
    clock.observe("m1", Status.PANIC, T0);

    clock.observe("m1", Status.NORMAL, T0 + 10_000);
    clock.observe("m1", Status.WARNING, T0 + 39_000);
    assertThat(admin.sync().exists(clock.key("m1"))).isEqualTo(1);

    clock.observe("m1", Status.NORMAL, T0 + 40_000);
    assertThat(admin.sync().exists(clock.key("m1"))).isZero();
  }

  @Test
  void panicAfterTheGraceWithNoCallBetween_startsANewPanicOverTheOldKey() {
    RedisPanicClock clock = new RedisPanicClock(redis, GRACE_30S, ticker);
    clock.observe("m1", Status.PANIC, T0);
    clock.observe("m1", Status.NORMAL, T0 + 10_000);

    // The old key is still there (nothing settled the grace); the script treats it as ended.
    assertThat(clock.observe("m1", Status.PANIC, T0 + 45_000)).isEqualTo(T0 + 45_000);
    assertThat(admin.sync().get(clock.key("m1"))).isEqualTo(Long.toString(T0 + 45_000));
  }

  @Test
  void calmInOneProcess_endsThePanicForTheOthersAfterTheirMemory() {
    ManualTicker tickerB = new ManualTicker();
    try (RedisConnector redisB = TestRedis.patient(server.uri())) {
      RedisPanicClock a = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
      RedisPanicClock b = new RedisPanicClock(redisB, PanicClockConfig.ofDefaults(), tickerB);
      a.observe("m1", Status.PANIC, T0);
      assertThat(b.observe("m1", Status.PANIC, T0 + 1_000)).isEqualTo(T0);

      a.observe("m1", Status.NORMAL, T0 + 2_000);

      assertThat(b.panicStart("m1", T0 + 2_500)).isEqualTo(T0);
      tickerB.advanceSeconds(1);
      assertThat(b.panicStart("m1", T0 + 3_000)).isEqualTo(NO_PANIC);
      assertThat(b.observe("m1", Status.PANIC, T0 + 4_000)).isEqualTo(T0 + 4_000);
    }
  }
}
