package dev.oddscache.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.panic.LocalPanicClock;
import dev.oddscache.panic.PanicClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code oddscache_panic_starts_lost_total} reads the panic clock's own count. */
class PanicStartsLostMeterTest {
  /** A local clock that reports a count of lost starts, as a shared one would. */
  private static final class CountingClock implements PanicClock {
    final LocalPanicClock local = new LocalPanicClock();
    final AtomicLong lost = new AtomicLong();

    @Override
    public long observe(String matchId, Status status, long nowMillis) {
      return local.observe(matchId, status, nowMillis);
    }

    @Override
    public long panicStart(String matchId, long nowMillis) {
      return local.panicStart(matchId, nowMillis);
    }

    @Override
    public Map<String, Long> activePanics(long nowMillis) {
      return local.activePanics(nowMillis);
    }

    @Override
    public long lostStarts() {
      return lost.get();
    }
  }

  @Test
  void counterFollowsTheClock_andIsZeroForTheLocalClock() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    CountingClock clock = new CountingClock();
    OddsCache.<String>builder().meterRegistry(registry).panicClock(clock).build();

    assertThat(registry.get(MeterNames.PANIC_STARTS_LOST).functionCounter().count()).isZero();
    clock.lost.set(3);
    assertThat(registry.get(MeterNames.PANIC_STARTS_LOST).functionCounter().count())
        .isEqualTo(3.0);

    SimpleMeterRegistry local = new SimpleMeterRegistry();
    OddsCache.<String>builder().meterRegistry(local).build();
    assertThat(local.get(MeterNames.PANIC_STARTS_LOST).functionCounter().count()).isZero();
  }
}
