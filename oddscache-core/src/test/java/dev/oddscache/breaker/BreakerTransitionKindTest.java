package dev.oddscache.breaker;

import static dev.oddscache.breaker.BreakerMode.CIRCUIT_OPEN;
import static dev.oddscache.breaker.BreakerMode.HIGH_VOLATILITY;
import static dev.oddscache.breaker.BreakerMode.NORMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.breaker.BreakerTransitionKind.Trigger;
import dev.oddscache.breaker.event.BreakerTransition;
import org.junit.jupiter.api.Test;

class BreakerTransitionKindTest {

  @Test
  void of_listsExactlyTheFourLegalStepsWithTheirTrigger() {
    assertThat(BreakerTransitionKind.of(NORMAL, HIGH_VOLATILITY).trigger())
        .isEqualTo(Trigger.SUSTAINED_PANIC);
    assertThat(BreakerTransitionKind.of(HIGH_VOLATILITY, CIRCUIT_OPEN).trigger())
        .isEqualTo(Trigger.SUSTAINED_PANIC);
    assertThat(BreakerTransitionKind.of(CIRCUIT_OPEN, HIGH_VOLATILITY).trigger())
        .isEqualTo(Trigger.RECOVERY);
    assertThat(BreakerTransitionKind.of(HIGH_VOLATILITY, NORMAL).trigger())
        .isEqualTo(Trigger.RECOVERY);
    assertThat(BreakerTransitionKind.values()).hasSize(4);
  }

  @Test
  void of_rejectsJumpsAndSelfLoops() {
    assertThatThrownBy(() -> BreakerTransitionKind.of(NORMAL, CIRCUIT_OPEN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NORMAL -> CIRCUIT_OPEN");
    assertThatThrownBy(() -> BreakerTransitionKind.of(CIRCUIT_OPEN, NORMAL))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BreakerTransitionKind.of(NORMAL, NORMAL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void trigger_labelsAreTheLoggedOnes() {
    assertThat(Trigger.SUSTAINED_PANIC.label()).isEqualTo("sustained_panic");
    assertThat(Trigger.RECOVERY.label()).isEqualTo("recovery");
  }

  @Test
  void transitionEvent_rejectsATriggerThatContradictsTheDirection() {
    assertThatThrownBy(() -> new BreakerTransition(NORMAL, HIGH_VOLATILITY, 0.5, 100, 10,
        Trigger.RECOVERY, 0L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RECOVERY");
    assertThat(BreakerTransition.of(BreakerTransitionKind.HIGH_VOLATILITY_TO_NORMAL, 0.1, 40, 5, 7L)
        .kind()).isEqualTo(BreakerTransitionKind.HIGH_VOLATILITY_TO_NORMAL);
  }
}
