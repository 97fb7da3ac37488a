package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BreakerInitialStateTest {
  private final ManualTicker ticker = new ManualTicker();
  private final PanicBreaker breaker = PanicBreaker.ofDefaults(ticker);

  @Test
  void newBreaker_isNormalWithAnEmptyWindow() {
    ticker.advanceSeconds(3);
    BreakerSnapshot state = breaker.state();

    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
    assertThat(state.mode()).isEqualTo(BreakerMode.NORMAL);
    assertThat(state.panicRatio()).isZero();
    assertThat(state.samples()).isZero();
    assertThat(state.observedSeconds()).isZero();
    assertThat(state.windowSeconds()).isEqualTo(1800);
    assertThat(state.windowFull()).isFalse();
    assertThat(state.windowFill()).isZero();
    assertThat(state.transitions()).isZero();
    assertThat(state.timeInMode()).isEqualTo(Duration.ofSeconds(3));
    assertThat(state.lastEvaluatedEpochSecond()).isEqualTo(BreakerSnapshot.NEVER);
    assertThat(breaker.config()).isEqualTo(BreakerConfig.ofDefaults());
  }

  @Test
  void firstRecord_evaluatesItsSecondWithoutCountingItself() {
    breaker.record(Status.PANIC);

    BreakerSnapshot state = breaker.state();
    assertThat(state.lastEvaluatedEpochSecond()).isEqualTo(ticker.epochMillis() / 1000);
    assertThat(state.samples()).isZero();
    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
  }

  @Test
  void evaluate_runsAtMostOncePerSecond() {
    assertThat(breaker.evaluate()).isTrue();
    assertThat(breaker.evaluate()).isFalse();
    ticker.advanceMillis(999);
    assertThat(breaker.evaluate()).isFalse();
    ticker.advanceMillis(1);
    assertThat(breaker.evaluate()).isTrue();
  }
}
