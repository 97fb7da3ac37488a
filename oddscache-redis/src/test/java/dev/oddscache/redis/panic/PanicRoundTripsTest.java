package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.panic.PanicClockConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the clock costs Redis, counted by Redis itself (INFO commandstats; commands a script runs
 * are counted under their own names, the round trip under {@code eval}).
 */
class PanicRoundTripsTest extends PatientRedisTest {
  private static final long T0 = 1_767_225_600_000L;


  @Override
  @BeforeEach
  void emptyRedis() {
    super.emptyRedis();
    admin.sync().configResetstat();
  }

  @Test
  void thousandPanicsWithinOneSecond_oneRoundTrip() {
    ManualTicker ticker = new ManualTicker();
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);

    for (int i = 0; i < 1_000; i++) {
      assertThat(clock.observe("m1", Status.PANIC, T0 + i)).isEqualTo(T0);
      ticker.advanceMillis(1);
    }

    Map<String, Long> calls = clockCalls();
    Figures.record("redis round trips for 1000 PANIC observations within 1 s", calls);
    assertThat(calls).containsOnly(Map.entry("eval", 1L), Map.entry("get", 1L),
        Map.entry("set", 1L));
  }

  @Test
  void tenMinutesAtAThousandPerSecond_oneRoundTripPerSecond_oneRefreshPerMinute() {
    ManualTicker ticker = new ManualTicker();
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);

    for (int ms = 0; ms < 600_000; ms++) {
      clock.observe("m1", Status.PANIC, T0 + ms);
      ticker.advanceMillis(1);
    }

    Map<String, Long> calls = clockCalls();
    Figures.record("redis round trips for 600000 PANIC observations over 10 min", calls);
    assertThat(calls.get("eval")).isEqualTo(600);
    assertThat(calls.get("pexpire")).isEqualTo(9);
    assertThat(admin.sync().get(clock.key("m1"))).isEqualTo(Long.toString(T0));
  }

  @Test
  void staleMemoryUnderConcurrency_oneThreadAsks_theOthersServeIt() throws Exception {
    ManualTicker ticker = new ManualTicker();
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(), ticker);
    clock.observe("m1", Status.PANIC, T0);
    ticker.advanceSeconds(2);
    admin.sync().configResetstat();

    int threads = 8;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> starts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        starts.add(pool.submit(() -> {
          barrier.await(10, TimeUnit.SECONDS);
          long start = 0;
          for (int i = 0; i < 1_000; i++) {
            start = clock.observe("m1", Status.PANIC, T0 + 2_000);
          }
          return start;
        }));
      }
      for (Future<Long> start : starts) {
        assertThat(start.get(30, TimeUnit.SECONDS)).isEqualTo(T0);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(clockCalls().get("eval")).isEqualTo(1);
  }

  @Test
  void calmTrafficForMatchesNeverSeenPanicking_costsNothing() {
    RedisPanicClock clock = new RedisPanicClock(redis, PanicClockConfig.ofDefaults(),
        new ManualTicker());

    for (int i = 0; i < 10_000; i++) {
      clock.observe("calm-" + (i % 100), i % 2 == 0 ? Status.NORMAL : Status.WARNING, T0 + i);
    }

    assertThat(clockCalls()).isEmpty();
  }

  /** Calls since the last reset, without the INFO and CONFIG calls of the test itself. */
  private Map<String, Long> clockCalls() {
    Map<String, Long> calls = admin.commandCalls();
    calls.remove("info");
    calls.remove("config");
    return calls;
  }
}
