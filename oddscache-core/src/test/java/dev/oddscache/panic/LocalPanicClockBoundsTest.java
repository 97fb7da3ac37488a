package dev.oddscache.panic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Requests naming made-up matches as panicking cannot grow the local clock without bound. */
class LocalPanicClockBoundsTest {
  private static final long T0 = 1_772_388_000_000L;

  @Test
  void twoHundredThousandPanickingIds_stayWithinTheCap_anAskedForPanicKeepsItsStart() {
    LocalPanicClock clock = new LocalPanicClock();
    clock.observe("real", Status.PANIC, T0);
    for (int i = 0; i < 200_000; i++) {
      long now = T0 + i;
      clock.observe("made-up-" + i, Status.PANIC, now);
      if (i % 1_000 == 0) {
        assertThat(clock.observe("real", Status.PANIC, now)).isEqualTo(T0);
      }
    }

    assertThat(clock.storedMatches()).isLessThanOrEqualTo(PanicClockConfig.DEFAULT_MAX_MATCHES);
    assertThat(clock.matchEvictions()).isEqualTo(200_001L - clock.storedMatches());
    assertThat(clock.panicStart("real", T0 + 200_000)).isEqualTo(T0);
  }

  @Test
  void full_forgetsMatchesInTheirCalmGraceFirst_thenTheLeastRecentlyAsked() {
    LocalPanicClock clock = new LocalPanicClock(PanicClockConfig.custom().maxMatches(10)
        .calmGrace(Duration.ofMinutes(1)).build());
    for (int i = 0; i < 10; i++) {
      clock.observe("m" + i, Status.PANIC, T0 + i);
    }
    clock.observe("m9", Status.NORMAL, T0 + 20);
    clock.panicStart("m0", T0 + 21);

    clock.observe("m10", Status.PANIC, T0 + 22);

    assertThat(clock.storedMatches()).isEqualTo(9);
    // m9 is calming down; then m1, the least recently asked (m0 was just read).
    assertThat(clock.activePanics(T0 + 23)).doesNotContainKeys("m9", "m1")
        .containsKeys("m0", "m2", "m10");
  }

  @Test
  void maxMatches_belowOne_namesTheField() {
    assertThatThrownBy(() -> PanicClockConfig.custom().maxMatches(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMatches must be >= 1, got 0");
    assertThat(PanicClockConfig.from(PanicClockConfig.custom().maxMatches(7).build()).build()
        .maxMatches()).isEqualTo(7);
  }
}
