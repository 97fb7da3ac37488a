package dev.oddscache.panic;

import static dev.oddscache.panic.PanicClock.NO_PANIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Status;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The {@link PanicClockContractTest} contract, plus what only the local clock exposes. */
class LocalPanicClockTest extends PanicClockContractTest {

  @Override
  protected PanicClock newClock(PanicClockConfig config) {
    return new LocalPanicClock(config);
  }

  private LocalPanicClock local() {
    return new LocalPanicClock();
  }

  @Test
  void expiresAt_firstPanic_isNowPlusDeadMansSwitch() {
    LocalPanicClock clock = local();

    clock.observe("m1", Status.PANIC, t0());

    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + DAY);
  }

  @Test
  void expiresAt_isRefreshedAtMostOncePerRefreshInterval() {
    LocalPanicClock clock = local();
    clock.observe("m1", Status.PANIC, t0());

    clock.observe("m1", Status.PANIC, t0() + 30 * SECOND);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + DAY);

    clock.observe("m1", Status.PANIC, t0() + MINUTE - 1);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + DAY);

    clock.observe("m1", Status.PANIC, t0() + MINUTE);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + MINUTE + DAY);

    clock.observe("m1", Status.PANIC, t0() + MINUTE + 59 * SECOND);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + MINUTE + DAY);

    clock.observe("m1", Status.PANIC, t0() + 2 * MINUTE);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + 2 * MINUTE + DAY);
  }

  @Test
  void expiresAt_customRefreshInterval_isHonoured() {
    LocalPanicClock clock = new LocalPanicClock(
        PanicClockConfig.custom().refreshInterval(Duration.ofMinutes(5)).build());
    clock.observe("m1", Status.PANIC, t0());

    clock.observe("m1", Status.PANIC, t0() + 4 * MINUTE);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + DAY);

    clock.observe("m1", Status.PANIC, t0() + 5 * MINUTE);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + 5 * MINUTE + DAY);
  }

  @Test
  void expiresAt_duringCalmGrace_isTheEndOfTheGrace() {
    LocalPanicClock clock = new LocalPanicClock(
        PanicClockConfig.custom().calmGrace(Duration.ofSeconds(30)).build());
    clock.observe("m1", Status.PANIC, t0());

    clock.observe("m1", Status.NORMAL, t0() + 10 * SECOND);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + 40 * SECOND);

    clock.observe("m1", Status.PANIC, t0() + 20 * SECOND);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + DAY);
  }

  @Test
  void expiresAt_unknownOrCalmedMatch_isEmpty() {
    LocalPanicClock clock = local();
    clock.observe("m1", Status.PANIC, t0());
    clock.observe("m1", Status.NORMAL, t0() + SECOND);

    assertThat(clock.expiresAtMillis("m1")).isEmpty();
    assertThat(clock.expiresAtMillis("unknown")).isEmpty();
  }

  @Test
  void expiresAt_withNow_isEmptyOnceExpired() {
    LocalPanicClock clock = local();
    clock.observe("m1", Status.PANIC, t0());

    assertThat(clock.expiresAtMillis("m1", t0() + DAY - 1)).hasValue(t0() + DAY);
    assertThat(clock.expiresAtMillis("m1", t0() + DAY)).isEqualTo(OptionalLong.empty());
    assertThat(clock.expiresAtMillis("m1")).isEmpty();
  }

  @Test
  void deadMansSwitch_startLivesExactly24Hours() {
    LocalPanicClock clock = local();
    clock.observe("m1", Status.PANIC, t0());

    assertThat(clock.panicStart("m1", t0() + DAY - 1)).isEqualTo(t0());
    assertThat(clock.panicStart("m1", t0() + DAY)).isEqualTo(NO_PANIC);
  }

  @Test
  void expiredEntries_areRemovedSoMemoryStaysBounded() {
    LocalPanicClock clock = local();
    for (int i = 0; i < 1_000; i++) {
      clock.observe("old-" + i, Status.PANIC, t0());
    }
    assertThat(clock.storedMatches()).isEqualTo(1_000);

    // Only observations of other matches, long after: the sweep must drop the abandoned ones.
    clock.observe("new", Status.PANIC, t0() + DAY + MINUTE);

    assertThat(clock.storedMatches()).isEqualTo(1);
  }

  @Test
  void calmedMatches_areNotStored() {
    LocalPanicClock clock = local();
    clock.observe("m1", Status.PANIC, t0());
    clock.observe("m1", Status.NORMAL, t0() + SECOND);
    clock.observe("m2", Status.NORMAL, t0() + SECOND);

    assertThat(clock.storedMatches()).isZero();
  }

  @Test
  void startInTheFutureOfALaterCaller_isKept() {
    // Callers may pass slightly different clocks; the first start wins even if a caller is behind.
    LocalPanicClock clock = local();
    clock.observe("m1", Status.PANIC, t0() + SECOND);

    assertThat(clock.observe("m1", Status.PANIC, t0())).isEqualTo(t0() + SECOND);
    assertThat(clock.expiresAtMillis("m1")).hasValue(t0() + SECOND + DAY);
  }

  @Test
  void nullStatus_isRejectedNamingTheField() {
    assertThatThrownBy(() -> local().observe("m1", null, t0()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("status");
  }

  @Test
  void expiresAt_blankMatchId_isRejectedNamingTheField() {
    assertThatThrownBy(() -> local().expiresAtMillis(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matchId");
  }

  @Test
  void instantsNearTheEndOfTime_doNotOverflow() {
    LocalPanicClock clock = local();
    long late = Long.MAX_VALUE - HOUR;

    assertThat(clock.observe("m1", Status.PANIC, late)).isEqualTo(late);
    assertThat(clock.panicStart("m1", late + MINUTE)).isEqualTo(late);
    assertThat(clock.expiresAtMillis("m1")).hasValue(Long.MAX_VALUE);
  }

  @Test
  void defaultConstructor_usesDefaultConfig() {
    LocalPanicClock clock = local();
    clock.observe("m1", Status.PANIC, t0());
    clock.observe("m1", Status.NORMAL, t0() + 1);

    // Default calm grace is 0: calm ends the panic at once.
    assertThat(clock.panicStart("m1", t0() + 1)).isEqualTo(NO_PANIC);
  }
}
