package dev.oddscache.breaker.issues;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerSnapshot;
import dev.oddscache.breaker.PanicBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The original Python system kept the last 1800 samples and called it "30 min @ 1 s"; at 1000 req/s
 * that was a 1.8-second window. Ours is 30 minutes of one-second buckets, whatever the rate.
 *
 * <p>Samples recorded during second s0 are counted by the evaluations of seconds s0 + 1 to
 * s0 + 1800, i.e. until exactly 30 minutes after the end of their second.
 */
class WindowIsTimeNotSampleCountTest {
  private final ManualTicker ticker = new ManualTicker();
  private final long s0 = ticker.epochMillis() / 1000;
  private final PanicBreaker breaker = PanicBreaker.ofDefaults(ticker);

  @Test
  void thousandSamplesInOneSecond_doNotFillAThirtyMinuteWindow() {
    recordThousandWithinSecondS0(); // leaves the ticker at s0 + 1

    breaker.evaluate();
    BreakerSnapshot state = breaker.state();
    assertThat(state.samples()).isEqualTo(1000);
    assertThat(state.observedSeconds()).isEqualTo(1);
    assertThat(state.windowFull()).isFalse();
  }

  @Test
  void originalSampleCountWindow_wouldHaveBeenFullAfterTwoSeconds() {
    recordThousandWithinSecondS0();
    recordThousandWithinSecondS0(); // 2000 samples > the original's 1800, ticker at s0 + 2

    breaker.evaluate();

    assertThat(breaker.state().samples()).isEqualTo(2000);
    assertThat(breaker.state().observedSeconds()).isEqualTo(2);
    assertThat(breaker.state().windowFull()).isFalse();
  }

  @Test
  void thousandSamplesInOneSecond_stillCountAfter29MinutesAndAreGoneAfter30() {
    recordThousandWithinSecondS0();

    ticker.advanceTo((s0 + Duration.ofMinutes(29).toSeconds()) * 1000);
    breaker.evaluate();
    assertThat(breaker.state().samples()).isEqualTo(1000);
    assertThat(breaker.state().observedSeconds()).isEqualTo(29 * 60);
    assertThat(breaker.state().windowFull()).isFalse();

    // 30 minutes after the start of their second: window [s0, s0 + 1799] still holds them.
    ticker.advanceTo((s0 + 1800) * 1000);
    breaker.evaluate();
    assertThat(breaker.state().samples()).isEqualTo(1000);
    assertThat(breaker.state().windowFull()).isTrue();

    // 30 minutes after the end of their second: gone.
    ticker.advanceTo((s0 + 1801) * 1000);
    breaker.evaluate();
    assertThat(breaker.state().samples()).isZero();
    assertThat(breaker.state().observedSeconds()).isEqualTo(1800);
  }

  /**
   * 1000 PANIC samples spread over the 1000 milliseconds of the current second; leaves the
   * ticker at the start of the next second.
   */
  private void recordThousandWithinSecondS0() {
    long second = ticker.epochMillis() / 1000;
    for (int i = 0; i < 1000; i++) {
      breaker.record(Status.PANIC);
      ticker.advanceMillis(1);
    }
    assertThat(ticker.epochMillis() / 1000).isEqualTo(second + 1);
  }
}
