package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import org.junit.jupiter.api.Test;

/** No transition while the window holds fewer than minSamples (default 30) samples. */
class MinSamplesTest {
  private final ManualTicker ticker = new ManualTicker();

  @Test
  void twentyNineSamplesAllPanic_noTransition() {
    PanicBreaker breaker = PanicBreaker.of(Traffic.oneSecondWindow(), ticker);

    Traffic.second(breaker, ticker, 29, 0);

    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
    assertThat(breaker.state().samples()).isEqualTo(29);
    assertThat(breaker.state().panicRatio()).isEqualTo(1.0);
    assertThat(breaker.state().transitions()).isZero();
  }

  @Test
  void thirtySamplesAllPanic_transition() {
    PanicBreaker breaker = PanicBreaker.of(Traffic.oneSecondWindow(), ticker);

    Traffic.second(breaker, ticker, 30, 0);

    assertThat(breaker.mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
  }

  @Test
  void minSamples_countsTheWholeWindowNotOneSecond() {
    PanicBreaker breaker = PanicBreaker.ofDefaults(ticker);

    for (int i = 0; i < 29; i++) {
      breaker.record(Status.PANIC);
      ticker.advanceSeconds(1);
    }
    breaker.evaluate();
    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);

    breaker.record(Status.PANIC);
    ticker.advanceSeconds(1);
    breaker.evaluate();
    assertThat(breaker.state().samples()).isEqualTo(30);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
  }

  @Test
  void customMinSamples_isHonoured() {
    PanicBreaker breaker = PanicBreaker.of(
        BreakerConfig.from(Traffic.oneSecondWindow()).minSamples(100).build(), ticker);

    Traffic.second(breaker, ticker, 99, 0);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);

    Traffic.second(breaker, ticker, 100, 0);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
  }
}
