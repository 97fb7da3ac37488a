package dev.oddscache.vix;

import static dev.oddscache.vix.VixFixtures.calmAt;
import static dev.oddscache.vix.VixFixtures.panicAt;
import static dev.oddscache.vix.VixFixtures.tick;
import static dev.oddscache.vix.VixFixtures.warningAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A market's status is a state that decays after {@code hold}, not a tick flicker. */
class VixHoldTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long HOLD = 60_000;

  private final VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP);

  @Test
  void marketStatus_panicHoldsSixtySecondsThenDecays() {
    panicAt(vix, "m", "1x2", "home", T0);

    assertThat(vix.marketStatus("m", "1x2", T0)).isEqualTo(Status.PANIC);
    assertThat(vix.marketStatus("m", "1x2", T0 + HOLD - 1)).isEqualTo(Status.PANIC);
    assertThat(vix.marketStatus("m", "1x2", T0 + HOLD)).isEqualTo(Status.NORMAL);
    assertThat(vix.matchStatus("m", T0 + HOLD - 1)).isEqualTo(Status.PANIC);
    assertThat(vix.matchStatus("m", T0 + HOLD)).isEqualTo(Status.NORMAL);
  }

  @Test
  void marketStatus_calmTickAfterPanic_doesNotEndThePanicEarly() {
    panicAt(vix, "m", "1x2", "home", T0);

    TickResult calm = vix.accept(tick("m", "1x2", "home", 2.0 * Math.exp(0.05), T0 + 10_000));

    assertThat(calm.status()).isEqualTo(Status.NORMAL);
    assertThat(vix.marketStatus("m", "1x2", T0 + 10_000)).isEqualTo(Status.PANIC);
    assertThat(vix.marketStatus("m", "1x2", T0 + HOLD)).isEqualTo(Status.NORMAL);
  }

  @Test
  void marketStatus_panicThenWarningOnOtherSelection_decaysPanicThenWarningThenNormal() {
    panicAt(vix, "m", "1x2", "home", T0);
    warningAt(vix, "m", "1x2", "away", T0 + 30_000);

    assertThat(vix.marketStatus("m", "1x2", T0 + 30_000)).isEqualTo(Status.PANIC);
    assertThat(vix.marketStatus("m", "1x2", T0 + HOLD - 1)).isEqualTo(Status.PANIC);
    assertThat(vix.marketStatus("m", "1x2", T0 + HOLD)).isEqualTo(Status.WARNING);
    assertThat(vix.marketStatus("m", "1x2", T0 + 30_000 + HOLD - 1)).isEqualTo(Status.WARNING);
    assertThat(vix.marketStatus("m", "1x2", T0 + 30_000 + HOLD)).isEqualTo(Status.NORMAL);
  }

  @Test
  void marketStatus_laterPanicExtendsTheHold() {
    panicAt(vix, "m", "1x2", "home", T0);
    panicAt(vix, "m", "1x2", "away", T0 + 45_000);

    assertThat(vix.marketStatus("m", "1x2", T0 + HOLD)).isEqualTo(Status.PANIC);
    assertThat(vix.marketStatus("m", "1x2", T0 + 45_000 + HOLD - 1)).isEqualTo(Status.PANIC);
    assertThat(vix.marketStatus("m", "1x2", T0 + 45_000 + HOLD)).isEqualTo(Status.NORMAL);
  }

  @Test
  void marketStatus_panicArrivingLateInFeedTime_keepsTheLatestMark() {
    // Two selections whose ticks reach us out of global order: the older panic must not
    // shorten the hold of the newer one.
    panicAt(vix, "m", "1x2", "home", T0 + 45_000);
    panicAt(vix, "m", "1x2", "away", T0);

    assertThat(vix.marketStatus("m", "1x2", T0 + 45_000 + HOLD - 1)).isEqualTo(Status.PANIC);
  }

  @Test
  void marketStatus_queryEarlierThanTheTick_countsTheTickAsHeld() {
    panicAt(vix, "m", "1x2", "home", T0);

    assertThat(vix.marketStatus("m", "1x2", T0 - 5_000)).isEqualTo(Status.PANIC);
  }

  @Test
  void marketStatus_calmTicksOnly_isNormal() {
    calmAt(vix, "m", "1x2", "home", T0);

    assertThat(vix.marketStatus("m", "1x2", T0)).isEqualTo(Status.NORMAL);
  }

  @Test
  void marketStatus_customHold_isUsed() {
    VixDetector shortHold =
        new VixDetector(VixConfig.from(VixFixtures.NO_WARMUP).hold(Duration.ofSeconds(5)).build());
    panicAt(shortHold, "m", "1x2", "home", T0);

    assertThat(shortHold.marketStatus("m", "1x2", T0 + 4_999)).isEqualTo(Status.PANIC);
    assertThat(shortHold.marketStatus("m", "1x2", T0 + 5_000)).isEqualTo(Status.NORMAL);
  }

  @Test
  void marketStatus_extremeNowValues_doNotOverflow() {
    panicAt(vix, "m", "1x2", "home", T0);

    assertThat(vix.marketStatus("m", "1x2", Long.MAX_VALUE)).isEqualTo(Status.NORMAL);
    assertThat(vix.marketStatus("m", "1x2", Long.MIN_VALUE)).isEqualTo(Status.PANIC);
  }
}
