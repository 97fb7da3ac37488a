package dev.oddscache.tools.replay;

import static dev.oddscache.Status.NORMAL;
import static dev.oddscache.Status.PANIC;
import static dev.oddscache.Status.WARNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Status;
import org.junit.jupiter.api.Test;

/** The episode rule, on synthetic ticks, with a 60 s hold. */
class RunTrackerTest {
  private static final long HOLD = 60_000;
  private final RunTracker panic = new RunTracker(PANIC, HOLD);

  @Test
  void singlePanicTick_isOneEpisodeOfExactlyTheHold() {
    tick(1_000, PANIC, PANIC, 3.0);
    panic.finish();

    assertThat(panic.runs()).containsExactly(new StatusRun(1_000, 61_000, 3.0, false));
  }

  @Test
  void panicTickWithinTheHold_extendsTheEpisodeFromTheLatestPanicTick() {
    tick(1_000, PANIC, PANIC, 3.0);
    tick(30_000, NORMAL, PANIC, 0.5);
    tick(50_000, PANIC, PANIC, 2.5);
    tick(100_000, NORMAL, PANIC, 0.1);
    tick(200_000, NORMAL, NORMAL, 0.2);

    assertThat(panic.runs()).containsExactly(new StatusRun(1_000, 110_000, 3.0, false));
  }

  @Test
  void peakZ_countsEveryTickInsideTheEpisode() {
    tick(1_000, PANIC, PANIC, 3.0);
    // A warm-up tick can carry a large z-score and still be NORMAL.
    tick(2_000, NORMAL, PANIC, 7.5);
    tick(70_000, NORMAL, NORMAL, 9.0);

    assertThat(panic.runs()).containsExactly(new StatusRun(1_000, 61_000, 7.5, false));
  }

  @Test
  void tickExactlyAtTheDecay_isOutside_andMayStartTheNextEpisode() {
    tick(1_000, PANIC, PANIC, 3.0);
    tick(61_000, PANIC, PANIC, 4.0, true);
    panic.finish();

    assertThat(panic.runs()).containsExactly(
        new StatusRun(1_000, 61_000, 3.0, false),
        new StatusRun(61_000, 121_000, 4.0, true));
  }

  @Test
  void decay_endsTheEpisodeWithoutWaitingForTheNextTick() {
    tick(1_000, PANIC, PANIC, 3.0);
    tick(3_600_000, NORMAL, NORMAL, 0.1);

    assertThat(panic.runs()).extracting(StatusRun::endMillis).containsExactly(61_000L);
  }

  @Test
  void warningTicks_doNotMakePanicEpisodes() {
    tick(1_000, WARNING, WARNING, 1.7);
    panic.finish();

    assertThat(panic.runs()).isEmpty();
  }

  @Test
  void warningLevel_runsIncludePanicTicks() {
    RunTracker warning = new RunTracker(WARNING, HOLD);
    warning.onTick(1_000, WARNING, WARNING, 1.6, false);
    warning.onTick(40_000, PANIC, PANIC, 2.5, false);
    warning.finish();

    assertThat(warning.runs()).containsExactly(new StatusRun(1_000, 100_000, 2.5, false));
  }

  @Test
  void inPlay_isTheStartingTicks() {
    tick(1_000, PANIC, PANIC, 3.0, false);
    tick(2_000, PANIC, PANIC, 3.0, true);
    panic.finish();

    assertThat(panic.runs()).extracting(StatusRun::inPlay).containsExactly(false);
  }

  @Test
  void finish_closesAnOpenEpisodeAtItsDecayEvenAfterTheLastTick() {
    tick(1_000, PANIC, PANIC, 3.0);
    tick(5_000, NORMAL, PANIC, 0.3);
    panic.finish();
    panic.finish();

    assertThat(panic.runs()).containsExactly(new StatusRun(1_000, 61_000, 3.0, false));
  }

  @Test
  void badHold_isRejected() {
    assertThatThrownBy(() -> new RunTracker(PANIC, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("holdMillis must be > 0, got 0");
  }

  private void tick(long pt, Status own, Status held, double z) {
    tick(pt, own, held, z, false);
  }

  private void tick(long pt, Status own, Status held, double z, boolean inPlay) {
    panic.onTick(pt, own, held, z, inPlay);
  }
}
