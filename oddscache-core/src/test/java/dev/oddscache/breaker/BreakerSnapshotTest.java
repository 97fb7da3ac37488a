package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.breaker.event.BreakerTransition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link PanicBreaker#state()} and {@link PanicBreaker#reset()}. */
class BreakerSnapshotTest {
  private final ManualTicker ticker = new ManualTicker();

  @Test
  void state_reportsTheLatestEvaluation() {
    PanicBreaker breaker = PanicBreaker.ofDefaults(ticker);
    long start = ticker.epochMillis() / 1000;
    for (int s = 0; s < 4; s++) {
      Traffic.second(breaker, ticker, 15, 5); // 20 requests/s at 75% panic
    }
    ticker.advanceSeconds(7);

    BreakerSnapshot state = breaker.state();

    assertThat(state.mode()).isEqualTo(BreakerMode.HIGH_VOLATILITY);
    assertThat(state.panicRatio()).isEqualTo(0.75);
    assertThat(state.samples()).isEqualTo(80);
    assertThat(state.observedSeconds()).isEqualTo(4);
    assertThat(state.windowSeconds()).isEqualTo(1800);
    assertThat(state.windowFull()).isFalse();
    assertThat(state.windowFill()).isEqualTo(4 / 1800.0);
    assertThat(state.transitions()).isEqualTo(1);
    // Entered at the evaluation of second start+2 (40 samples >= minSamples), 2 + 7 s ago.
    assertThat(state.timeInMode()).isEqualTo(Duration.ofSeconds(9));
    assertThat(state.lastEvaluatedEpochSecond()).isEqualTo(start + 4);
  }

  @Test
  void state_windowFullOnceAWholeWindowWasObserved() {
    PanicBreaker breaker = PanicBreaker.of(
        BreakerConfig.custom().window(Duration.ofSeconds(10)).build(), ticker);
    for (int s = 0; s < 9; s++) {
      Traffic.second(breaker, ticker, 0, 5);
    }
    assertThat(breaker.state().windowFull()).isFalse();

    Traffic.second(breaker, ticker, 0, 5);

    assertThat(breaker.state().observedSeconds()).isEqualTo(10);
    assertThat(breaker.state().windowFull()).isTrue();
    assertThat(breaker.state().windowFill()).isEqualTo(1.0);
  }

  @Test
  void reset_returnsToNormalWithAnEmptyWindowAndKeepsTheTransitionCount() {
    PanicBreaker breaker = PanicBreaker.of(Traffic.oneSecondWindow(), ticker);
    List<BreakerTransition> events = new CopyOnWriteArrayList<>();
    breaker.addListener(events::add);
    Traffic.percent(breaker, ticker, 90);
    breaker.record(Status.PANIC); // lands in the current second, must not survive the reset
    ticker.advanceSeconds(3);

    breaker.reset();

    BreakerSnapshot state = breaker.state();
    assertThat(state.mode()).isEqualTo(BreakerMode.NORMAL);
    assertThat(state.samples()).isZero();
    assertThat(state.panicRatio()).isZero();
    assertThat(state.observedSeconds()).isZero();
    assertThat(state.timeInMode()).isZero();
    assertThat(state.transitions()).isEqualTo(2);
    assertThat(events).hasSize(2);

    ticker.advanceSeconds(1);
    breaker.evaluate();
    assertThat(breaker.state().samples()).isZero();
    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
  }
}
