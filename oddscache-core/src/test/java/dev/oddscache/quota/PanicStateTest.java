package dev.oddscache.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PanicStateTest {

  @Test
  void none_isNotPanicking() {
    assertThat(PanicState.NONE.panicking()).isFalse();
    assertThat(PanicState.NONE.durationMillis()).isZero();
  }

  @Test
  void lasting_zero_isPanicking() {
    assertThat(PanicState.lasting(Duration.ZERO)).isEqualTo(new PanicState(true, 0));
    assertThat(PanicState.lastingMillis(0).panicking()).isTrue();
  }

  @Test
  void lasting_truncatesToWholeMillis() {
    assertThat(PanicState.lasting(Duration.ofMinutes(30).minusNanos(1)).durationMillis())
        .isEqualTo(1_799_999);
  }

  @Test
  void lasting_tooLongForMillis_saturates() {
    assertThat(PanicState.lasting(Duration.ofSeconds(Long.MAX_VALUE)).durationMillis())
        .isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void lasting_negative_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> PanicState.lasting(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duration")
        .hasMessageContaining("-0.001S");
    assertThatThrownBy(() -> PanicState.lastingMillis(-5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("millis")
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> PanicState.lasting(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void constructor_rejectsContradictions() {
    assertThatThrownBy(() -> new PanicState(false, 10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
    assertThatThrownBy(() -> new PanicState(true, -10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-10");
  }

  @Test
  void since_measuresFromTheStart() {
    assertThat(PanicState.since(1_000, 61_000)).isEqualTo(PanicState.lastingMillis(60_000));
    assertThat(PanicState.since(1_000, 1_000)).isEqualTo(PanicState.lastingMillis(0));
  }

  @Test
  void since_startAfterNow_isAPanicThatJustStarted() {
    assertThat(PanicState.since(5_000, 4_000)).isEqualTo(PanicState.lastingMillis(0));
    assertThat(PanicState.since(5_000, Long.MIN_VALUE)).isEqualTo(PanicState.lastingMillis(0));
  }

  @Test
  void since_negativeStart_isRejected() {
    assertThatThrownBy(() -> PanicState.since(Long.MIN_VALUE, 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("startEpochMillis")
        .hasMessageContaining(String.valueOf(Long.MIN_VALUE));
  }
}
