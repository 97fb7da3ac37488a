package dev.oddscache.breaker;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import java.time.Duration;

/** Feeds a breaker one second of traffic at a time on a fake ticker. */
final class Traffic {
  private Traffic() {}

  /**
   * Default thresholds over a one-second window, so that each evaluation sees exactly the second
   * fed just before it: the ratio under test is the ratio fed.
   */
  static BreakerConfig oneSecondWindow() {
    return BreakerConfig.custom().window(Duration.ofSeconds(1)).build();
  }

  /**
   * Records {@code panic} PANIC and {@code calm} NORMAL requests during the current second, then
   * moves to the next second and evaluates it, i.e. evaluates the second just fed.
   */
  static void second(PanicBreaker breaker, ManualTicker ticker, int panic, int calm) {
    second(breaker, ticker, panic, calm, Status.NORMAL);
  }

  /** As {@link #second(PanicBreaker, ManualTicker, int, int)} with calm requests of this status. */
  static void second(
      PanicBreaker breaker, ManualTicker ticker, int panic, int calm, Status calmStatus) {
    for (int i = 0; i < calm; i++) {
      breaker.record(calmStatus);
    }
    for (int i = 0; i < panic; i++) {
      breaker.record(Status.PANIC);
    }
    ticker.advanceSeconds(1);
    breaker.evaluate();
  }

  /** Feeds one second at {@code percent}% panic out of 100 requests. */
  static void percent(PanicBreaker breaker, ManualTicker ticker, int percent) {
    second(breaker, ticker, percent, 100 - percent);
  }
}
