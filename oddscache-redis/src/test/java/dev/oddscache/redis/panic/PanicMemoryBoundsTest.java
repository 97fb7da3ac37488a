package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Made-up panicking match ids cannot grow a Redis panic clock's process memory past its cap,
 * and a panic asked for all along keeps its shared start. Their keys stay in Redis until they
 * expire: capping memory does not delete what other processes may share.
 */
class PanicMemoryBoundsTest extends PatientRedisTest {
  private static final long T0 = 1_767_225_600_000L;
  private static final int CAP = 200;

  private final ManualTicker ticker = new ManualTicker();

  @Test
  void manyPanickingIds_stayWithinTheCap_theAskedForPanicKeepsItsStart() {
    RedisPanicClock clock = new RedisPanicClock(redis,
        PanicClockConfig.custom().maxMatches(CAP).build(), ticker);
    clock.observe("real", Status.PANIC, T0);
    for (int i = 0; i < 2_000; i++) {
      ticker.advance(Duration.ofMillis(1));
      clock.observe("made-up-" + i, Status.PANIC, T0 + i);
      if (i % 20 == 0) {
        assertThat(clock.observe("real", Status.PANIC, T0 + i)).isEqualTo(T0);
      }
    }

    // The trim runs before each call: the call's own match may come on top of the cap.
    assertThat(clock.trackedMatches()).isLessThanOrEqualTo(CAP + 1);
    assertThat(clock.matchEvictions()).isPositive();
    assertThat(clock.panicStart("real", T0 + 2_000)).isEqualTo(T0);
    assertThat(admin.sync().exists(clock.key("made-up-0"))).as("the shared key stays")
        .isEqualTo(1L);
  }
}
