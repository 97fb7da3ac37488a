package dev.oddscache.redis.panic;

import static dev.oddscache.panic.PanicClock.NO_PANIC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.testing.Poll;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The dead man's switch on Redis's own clock, read with PTTL: set by the first PANIC, pushed back
 * once per refresh interval of ticker time and not before, and really expiring.
 */
class PanicExpiryTest extends PatientRedisTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private final ManualTicker ticker = new ManualTicker();


  @Test
  void firstPanic_setsADayLongExpiry() {
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);

    clock.observe("m1", Status.PANIC, T0);

    // PX 86 400 000; the PTTL is read a few milliseconds later.
    assertThat(admin.sync().pttl(clock.key("m1"))).isBetween(DAY_MILLIS - 5_000, DAY_MILLIS);
    assertThat(admin.sync().get(clock.key("m1"))).isEqualTo(Long.toString(T0));
  }

  @Test
  void refresh_afterAMinuteOfTickerTime_notBefore() {
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
    clock.observe("m1", Status.PANIC, T0);
    // Lowered by hand, so a refresh shows as a jump back to a day.
    admin.sync().pexpire(clock.key("m1"), 1_000_000);

    for (int second = 1; second <= 59; second++) {
      ticker.advanceSeconds(1);
      for (int i = 0; i < 100; i++) {
        clock.observe("m1", Status.PANIC, T0 + second * 1_000L + i);
      }
    }
    assertThat(admin.sync().pttl(clock.key("m1"))).isLessThanOrEqualTo(1_000_000);

    ticker.advanceSeconds(1);
    clock.observe("m1", Status.PANIC, T0 + 60_000);

    assertThat(admin.sync().pttl(clock.key("m1"))).isBetween(DAY_MILLIS - 5_000, DAY_MILLIS);
  }

  @Test
  void customDeadMansSwitch_isTheKeysExpiry() {
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.custom()
        .deadMansSwitch(Duration.ofMinutes(10)).build(), ticker);

    clock.observe("m1", Status.PANIC, T0);

    assertThat(admin.sync().pttl(clock.key("m1"))).isBetween(595_000L, 600_000L);
  }

  @Test
  void expiredStart_theNextPanicAfterTheMemoryStartsANewOne() {
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.custom()
        .deadMansSwitch(Duration.ofMillis(300)).refreshInterval(Duration.ofMillis(100)).build(),
        ticker);
    clock.observe("m1", Status.PANIC, T0);
    assertThat(admin.sync().pttl(clock.key("m1"))).isBetween(1L, 300L);

    // Redis expires the key on its own clock: wait for that external event, bounded.
    Poll.await("Redis expiring the start").atMost(Duration.ofSeconds(5))
        .until(() -> admin.sync().exists(clock.key("m1")) == 0);
    assertThat(admin.sync().exists(clock.key("m1"))).isZero();

    // Within the one-second memory the old start is still served; after it, a new panic begins.
    assertThat(clock.observe("m1", Status.PANIC, T0 + 2_000)).isEqualTo(T0);
    ticker.advanceSeconds(1);
    assertThat(clock.observe("m1", Status.PANIC, T0 + 3_000)).isEqualTo(T0 + 3_000);
  }

  @Test
  void panicStart_isServedFromMemoryForOneSecond_thenReadAgain() {
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
    clock.observe("m1", Status.PANIC, T0);
    // Another process ends the panic: the start goes, the end is marked.
    admin.sync().del(clock.key("m1"));
    admin.sync().set(clock.endKey("m1"), Long.toString(T0 + 500));

    ticker.advanceMillis(999);
    assertThat(clock.panicStart("m1", T0 + 999)).isEqualTo(T0);

    ticker.advanceMillis(1);
    assertThat(clock.panicStart("m1", T0 + 1_000)).isEqualTo(NO_PANIC);
    assertThat(clock.lostStarts()).isZero();
  }
}
