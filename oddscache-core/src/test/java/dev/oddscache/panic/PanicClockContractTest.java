package dev.oddscache.panic;

import static dev.oddscache.panic.PanicClock.NO_PANIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oddscache.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link PanicClock} must show. Subclasses supply the clock; each
 * test asks for a fresh one and drives time only through the {@code nowMillis} arguments, so an
 * implementation must judge expiry by those arguments, not by its own clock.
 *
 * <p>Time starts at {@link #t0()}; a store-backed subclass may override it, for instance to stay
 * near real time. A store that expires starts on its own clock (Redis) cannot follow a {@code
 * nowMillis} that jumps a day ahead: it answers false to {@link #supportsVirtualExpiry()}, the
 * tests that need such a jump are skipped, and it covers its real expiry in its own tests.
 */
public abstract class PanicClockContractTest {
  protected static final long SECOND = 1_000;
  protected static final long MINUTE = 60 * SECOND;
  protected static final long HOUR = 60 * MINUTE;
  protected static final long DAY = 24 * HOUR;

  /** A new clock with no recorded panics. */
  protected abstract PanicClock newClock(PanicClockConfig config);

  /** The instant tests start from, in epoch millis. */
  protected long t0() {
    return 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  }

  /**
   * Whether a start expires when {@code nowMillis} passes its dead man's switch, with no time
   * passing for the store. True for clocks that judge expiry by the arguments alone.
   */
  protected boolean supportsVirtualExpiry() {
    return true;
  }

  protected PanicClock newClock() {
    return newClock(PanicClockConfig.ofDefaults());
  }

  protected PanicClock newClockWithCalmGrace(Duration calmGrace) {
    return newClock(PanicClockConfig.custom().calmGrace(calmGrace).build());
  }

  @Test
  void observe_concurrentFirstPanics_firstWriterWinsForAll() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // Several rounds, each on a fresh match, to give a racy implementation many chances to fail.
      for (int round = 0; round < 20; round++) {
        PanicClock clock = newClock();
        String matchId = "race-" + round;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        Set<Long> offered = new HashSet<>();
        List<Future<Long>> starts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          long now = t0() + i * SECOND;
          offered.add(now);
          starts.add(pool.submit(() -> {
            barrier.await(10, TimeUnit.SECONDS);
            return clock.observe(matchId, Status.PANIC, now);
          }));
        }
        Set<Long> returned = new HashSet<>();
        for (Future<Long> start : starts) {
          returned.add(start.get(30, TimeUnit.SECONDS));
        }

        assertThat(returned).hasSize(1);
        long winner = returned.iterator().next();
        assertThat(offered).contains(winner);
        assertThat(clock.panicStart(matchId, t0() + threads * SECOND)).isEqualTo(winner);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void observe_firstPanic_returnsNow() {
    PanicClock clock = newClock();

    assertThat(clock.observe("m1", Status.PANIC, t0())).isEqualTo(t0());
    assertThat(clock.panicStart("m1", t0())).isEqualTo(t0());
  }

  @Test
  void observe_laterPanic_returnsTheSameStart() {
    PanicClock clock = newClock();
    clock.observe("m1", Status.PANIC, t0());

    assertThat(clock.observe("m1", Status.PANIC, t0() + 30 * SECOND)).isEqualTo(t0());
    assertThat(clock.observe("m1", Status.PANIC, t0() + 45 * MINUTE)).isEqualTo(t0());
    assertThat(clock.panicStart("m1", t0() + 50 * MINUTE)).isEqualTo(t0());
  }

  @Test
  void observe_nonPanic_returnsNoPanic() {
    PanicClock clock = newClock();

    assertThat(clock.observe("m1", Status.NORMAL, t0())).isEqualTo(NO_PANIC);
    assertThat(clock.observe("m1", Status.WARNING, t0())).isEqualTo(NO_PANIC);
    assertThat(clock.panicStart("m1", t0())).isEqualTo(NO_PANIC);
  }

  @Test
  void panicStart_unknownMatch_isNoPanicAndRecordsNothing() {
    PanicClock clock = newClock();

    assertThat(clock.panicStart("m1", t0())).isEqualTo(NO_PANIC);
    assertThat(clock.activePanics(t0())).isEmpty();
    // A read must not have started a panic that the next PANIC would then continue.
    assertThat(clock.observe("m1", Status.PANIC, t0() + MINUTE)).isEqualTo(t0() + MINUTE);
  }

  @Test
  void observe_calm_endsThePanicAndTheNextPanicStartsANewOne() {
    PanicClock clock = newClock();
    clock.observe("m1", Status.PANIC, t0());

    clock.observe("m1", Status.NORMAL, t0() + 10 * MINUTE);

    assertThat(clock.panicStart("m1", t0() + 10 * MINUTE)).isEqualTo(NO_PANIC);
    assertThat(clock.observe("m1", Status.PANIC, t0() + 11 * MINUTE))
        .isEqualTo(t0() + 11 * MINUTE);
  }

  @Test
  void observe_warning_countsAsCalm() {
    PanicClock clock = newClock();
    clock.observe("m1", Status.PANIC, t0());

    clock.observe("m1", Status.WARNING, t0() + MINUTE);

    assertThat(clock.panicStart("m1", t0() + MINUTE)).isEqualTo(NO_PANIC);
  }

  @Test
  void calmGrace_calmShorterThanGrace_keepsTheStart() {
    PanicClock clock = newClockWithCalmGrace(Duration.ofSeconds(30));
    clock.observe("m1", Status.PANIC, t0());

    clock.observe("m1", Status.NORMAL, t0() + 10 * SECOND);

    assertThat(clock.panicStart("m1", t0() + 39 * SECOND)).isEqualTo(t0());
    assertThat(clock.activePanics(t0() + 39 * SECOND)).containsEntry("m1", t0());
    assertThat(clock.observe("m1", Status.PANIC, t0() + 39 * SECOND)).isEqualTo(t0());
  }

  @Test
  void calmGrace_calmLongerThanGrace_endsThePanic() {
    PanicClock clock = newClockWithCalmGrace(Duration.ofSeconds(30));
    clock.observe("m1", Status.PANIC, t0());
    clock.observe("m1", Status.NORMAL, t0() + 10 * SECOND);

    assertThat(clock.panicStart("m1", t0() + 40 * SECOND)).isEqualTo(NO_PANIC);
    assertThat(clock.activePanics(t0() + 40 * SECOND)).isEmpty();
    assertThat(clock.observe("m1", Status.PANIC, t0() + 41 * SECOND))
        .isEqualTo(t0() + 41 * SECOND);
  }

  @Test
  void calmGrace_repeatedCalm_doesNotExtendTheGrace() {
    PanicClock clock = newClockWithCalmGrace(Duration.ofSeconds(30));
    clock.observe("m1", Status.PANIC, t0());
    clock.observe("m1", Status.NORMAL, t0() + 10 * SECOND);
    clock.observe("m1", Status.WARNING, t0() + 25 * SECOND);
    clock.observe("m1", Status.NORMAL, t0() + 35 * SECOND);

    assertThat(clock.panicStart("m1", t0() + 40 * SECOND)).isEqualTo(NO_PANIC);
  }

  @Test
  void calmGrace_panicWithinGrace_restartsTheCalmCount() {
    PanicClock clock = newClockWithCalmGrace(Duration.ofSeconds(30));
    clock.observe("m1", Status.PANIC, t0());
    clock.observe("m1", Status.NORMAL, t0() + 10 * SECOND);
    clock.observe("m1", Status.PANIC, t0() + 30 * SECOND);
    clock.observe("m1", Status.NORMAL, t0() + 50 * SECOND);

    // 30 s after the first calm, but only 20 s after the calm that followed the last PANIC.
    assertThat(clock.panicStart("m1", t0() + 70 * SECOND)).isEqualTo(t0());
    assertThat(clock.panicStart("m1", t0() + 80 * SECOND)).isEqualTo(NO_PANIC);
  }

  @Test
  void deadMansSwitch_noObservationFor24HoursAnd1Ms_forgetsTheStart() {
    assumeTrue(supportsVirtualExpiry(), "needs expiry on virtual time");
    PanicClock clock = newClock();
    clock.observe("m1", Status.PANIC, t0());
    long later = t0() + DAY + 1;

    assertThat(clock.panicStart("m1", later)).isEqualTo(NO_PANIC);
    assertThat(clock.activePanics(later)).isEmpty();
    assertThat(clock.observe("m1", Status.PANIC, later)).isEqualTo(later);
  }

  @Test
  void deadMansSwitch_panicObservedAt23h59_keepsTheStart() {
    PanicClock clock = newClock();
    clock.observe("m1", Status.PANIC, t0());

    assertThat(clock.observe("m1", Status.PANIC, t0() + 23 * HOUR + 59 * MINUTE)).isEqualTo(t0());
    assertThat(clock.panicStart("m1", t0() + DAY + 1)).isEqualTo(t0());
    assertThat(clock.observe("m1", Status.PANIC, t0() + 47 * HOUR)).isEqualTo(t0());
  }

  @Test
  void deadMansSwitch_panicEveryMinuteForSevenDays_keepsTheOriginalStart() {
    PanicClock clock = newClock();
    for (long now = t0(); now <= t0() + 7 * DAY; now += MINUTE) {
      assertThat(clock.observe("m1", Status.PANIC, now)).isEqualTo(t0());
    }
    assertThat(clock.panicStart("m1", t0() + 7 * DAY)).isEqualTo(t0());
  }

  @Test
  void deadMansSwitch_panicEvery30SecondsForTwoDays_keepsTheOriginalStart() {
    // Observations closer than the refresh interval must still refresh often enough.
    PanicClock clock = newClock();
    for (long now = t0(); now <= t0() + 2 * DAY; now += 30 * SECOND) {
      assertThat(clock.observe("m1", Status.PANIC, now)).isEqualTo(t0());
    }
  }

  @Test
  void deadMansSwitch_panicEvery12HoursForSevenDays_keepsTheOriginalStart() {
    PanicClock clock = newClock();
    for (long now = t0(); now <= t0() + 7 * DAY; now += 12 * HOUR) {
      assertThat(clock.observe("m1", Status.PANIC, now)).isEqualTo(t0());
    }
  }

  @Test
  void deadMansSwitch_customDuration_isHonoured() {
    assumeTrue(supportsVirtualExpiry(), "needs expiry on virtual time");
    PanicClock clock = newClock(PanicClockConfig.custom()
        .deadMansSwitch(Duration.ofMinutes(10))
        .refreshInterval(Duration.ofMinutes(1))
        .build());
    clock.observe("m1", Status.PANIC, t0());

    assertThat(clock.panicStart("m1", t0() + 10 * MINUTE - 1)).isEqualTo(t0());
    assertThat(clock.panicStart("m1", t0() + 10 * MINUTE + 1)).isEqualTo(NO_PANIC);
  }

  @Test
  void matches_areIndependent() {
    PanicClock clock = newClock();
    clock.observe("a", Status.PANIC, t0());
    clock.observe("b", Status.PANIC, t0() + MINUTE);

    clock.observe("b", Status.NORMAL, t0() + 2 * MINUTE);

    assertThat(clock.panicStart("a", t0() + 2 * MINUTE)).isEqualTo(t0());
    assertThat(clock.panicStart("b", t0() + 2 * MINUTE)).isEqualTo(NO_PANIC);
    assertThat(clock.observe("c", Status.PANIC, t0() + 3 * MINUTE)).isEqualTo(t0() + 3 * MINUTE);
    assertThat(clock.panicStart("a", t0() + 3 * MINUTE)).isEqualTo(t0());
  }

  @Test
  void activePanics_listsExactlyTheLiveOnes() {
    assumeTrue(supportsVirtualExpiry(), "needs expiry on virtual time");
    PanicClock clock = newClock();
    clock.observe("expired", Status.PANIC, t0());
    clock.observe("calmed", Status.PANIC, t0() + HOUR);
    clock.observe("refreshed", Status.PANIC, t0() + 3 * HOUR);
    clock.observe("calmed", Status.NORMAL, t0() + 4 * HOUR);
    clock.observe("live", Status.PANIC, t0() + 5 * HOUR);
    clock.observe("refreshed", Status.PANIC, t0() + 20 * HOUR);
    clock.observe("never", Status.NORMAL, t0() + 20 * HOUR);
    long now = t0() + DAY + 2 * HOUR + 30 * MINUTE;

    Map<String, Long> active = clock.activePanics(now);

    assertThat(active).containsOnly(
        Map.entry("live", t0() + 5 * HOUR), Map.entry("refreshed", t0() + 3 * HOUR));
    assertThatThrownBy(() -> active.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void blankMatchId_isRejectedNamingTheField() {
    PanicClock clock = newClock();

    for (String bad : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> clock.observe(bad, Status.PANIC, t0()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matchId");
      assertThatThrownBy(() -> clock.panicStart(bad, t0()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matchId");
    }
  }

  @Test
  void healthyClock_isNotInFallback() {
    PanicClock clock = newClock();
    clock.observe("m1", Status.PANIC, t0());

    assertThat(clock.inFallback()).isFalse();
  }
}
