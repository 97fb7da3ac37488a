package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalPanicWindowTest {
  private static final long S = 1_767_225_600L; // 2026-01-01T00:00:00Z

  private final LocalPanicWindow window = new LocalPanicWindow(Duration.ofSeconds(10));

  @Test
  void counts_emptyWindow_isZero() {
    assertThat(window.counts(S)).isEqualTo(WindowCounts.EMPTY);
    assertThat(window.windowSeconds()).isEqualTo(10);
  }

  @Test
  void counts_excludesTheCurrentSecond() {
    window.record(true, S);
    window.record(false, S);

    assertThat(window.counts(S)).isEqualTo(new WindowCounts(0, 0, 0));
    assertThat(window.counts(S + 1)).isEqualTo(new WindowCounts(1, 2, 1));
  }

  @Test
  void counts_holdsASampleFromSecondPlusOneToSecondPlusWindow() {
    window.record(true, S);

    assertThat(window.counts(S + 1).total()).isEqualTo(1);
    assertThat(window.counts(S + 10).total()).isEqualTo(1);
    assertThat(window.counts(S + 11).total()).isZero();
  }

  @Test
  void counts_sumsEverySecondOfTheWindow() {
    for (long s = S; s < S + 10; s++) {
      window.record(s % 2 == 0, s);
      window.record(false, s);
    }

    assertThat(window.counts(S + 10)).isEqualTo(new WindowCounts(5, 20, 10));
    assertThat(window.counts(S + 12)).isEqualTo(new WindowCounts(4, 16, 10));
  }

  @Test
  void record_currentSecondDoesNotEvictTheOldestCompleteSecond() {
    window.record(true, S);
    window.record(false, S + 10); // the current second when evaluating S + 10

    assertThat(window.counts(S + 10)).isEqualTo(new WindowCounts(1, 1, 10));
  }

  @Test
  void record_newerSecondReplacesTheBucketInItsSlot() {
    window.record(true, S);
    window.record(false, S + 11); // same slot: the ring has windowSeconds + 1 slots

    assertThat(window.counts(S + 12)).isEqualTo(new WindowCounts(0, 1, 10));
  }

  @Test
  void record_sampleOlderThanItsSlotsBucketIsDropped() {
    window.record(false, S + 11);
    window.record(true, S); // more than a whole window late

    assertThat(window.counts(S + 12)).isEqualTo(new WindowCounts(0, 1, 10));
    assertThat(window.counts(S + 1).total()).isZero();
  }

  @Test
  void observedSeconds_countsSecondsSinceTheFirstSampleUpToTheWindow() {
    window.record(false, S);

    assertThat(window.counts(S).observedSeconds()).isZero();
    assertThat(window.counts(S + 3).observedSeconds()).isEqualTo(3);
    assertThat(window.counts(S + 10).observedSeconds()).isEqualTo(10);
    assertThat(window.counts(S + 10).isFull(10)).isTrue();
    assertThat(window.counts(S + 9).isFull(10)).isFalse();
    assertThat(window.counts(S + 500).observedSeconds()).isEqualTo(10);
  }

  @Test
  void observedSeconds_keepsCountingAfterTheSamplesLeaveTheWindow() {
    window.record(true, S);

    assertThat(window.counts(S + 60)).isEqualTo(new WindowCounts(0, 0, 10));
  }

  @Test
  void reset_forgetsSamplesAndFirstSecond() {
    window.record(true, S);
    window.reset();

    assertThat(window.counts(S + 1)).isEqualTo(WindowCounts.EMPTY);
    window.record(false, S + 5);
    assertThat(window.counts(S + 7)).isEqualTo(new WindowCounts(0, 1, 2));
  }

  @Test
  void constructor_rejectsFractionalWindow() {
    assertThatThrownBy(() -> new LocalPanicWindow(Duration.ofMillis(2500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT2.5S");
  }

  @Test
  void windowCounts_rejectsPanicAboveTotal() {
    assertThatThrownBy(() -> new WindowCounts(3, 2, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("panic=3");
  }

  @Test
  void breaker_rejectsAWindowOfAnotherLength() {
    BreakerConfig thirtyMinutes = BreakerConfig.ofDefaults();
    assertThatThrownBy(() -> PanicBreaker.of(thirtyMinutes, new ManualTicker(), window))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10s");
  }
}
