package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.breaker.event.BreakerTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An hour of traffic at 10 requests/s on the default 30-minute window: calm for seconds [0, 600),
 * 100% panic for [600, 2100), calm again for [2100, 3600).
 *
 * <p>The rule under test: the first request of second t evaluates the complete seconds [t − 1800,
 * t − 1] (clipped at 0), so with P panic seconds and C calm seconds in that range the ratio is
 * P / (P + C). Worked out by hand:
 *
 * <ul>
 *   <li>t ≤ 1800, window [0, t − 1]: P = t − 600, C = 600; P / (P + 600) ≥ 0.5 first at P = 600,
 *       i.e. <b>t = 1200</b> → HIGH_VOLATILITY. The ratio peaks at 1200 / 1800 = 0.67 at t = 1800.
 *   <li>1800 ≤ t ≤ 2100, window [t − 1800, t − 1] is full: P = t − 600, ratio (t − 600) / 1800
 *       ≥ 0.8 first at <b>t = 2040</b> → CIRCUIT_OPEN.
 *   <li>t ≥ 2400 (the first calm seconds have left): P = 2099 − (t − 1800) + 1 = 3900 − t; ratio
 *       &lt; 0.6 ⇔ t &gt; 2820, so <b>t = 2821</b> → HIGH_VOLATILITY; ratio &lt; 0.3 ⇔ t &gt; 3360,
 *       so <b>t = 3361</b> → NORMAL.
 * </ul>
 *
 * <p>An independent oracle recomputes those seconds with exact integer arithmetic from the traffic
 * plan, without any ring buffer, and the breaker must agree with both.
 */
class SimulatedHourTest {
  private static final int RATE = 10;
  private static final int WINDOW = 1800;
  private static final int HOUR = 3600;

  private static boolean panicAt(long second) {
    return second >= 600 && second < 2100;
  }

  record Step(long second, BreakerMode from, BreakerMode to) {}

  @Test
  void transitionsHappenAtThePredictedSeconds() {
    ManualTicker ticker = new ManualTicker();
    long startMillis = ticker.epochMillis();
    PanicBreaker breaker = PanicBreaker.ofDefaults(ticker);
    List<BreakerTransition> events = new CopyOnWriteArrayList<>();
    breaker.addListener(events::add);

    for (int t = 0; t < HOUR; t++) {
      for (int r = 0; r < RATE; r++) {
        breaker.record(panicAt(t) ? Status.PANIC : Status.NORMAL);
        ticker.advanceMillis(1000 / RATE);
      }
    }

    List<Step> expected = List.of(
        new Step(1200, BreakerMode.NORMAL, BreakerMode.HIGH_VOLATILITY),
        new Step(2040, BreakerMode.HIGH_VOLATILITY, BreakerMode.CIRCUIT_OPEN),
        new Step(2821, BreakerMode.CIRCUIT_OPEN, BreakerMode.HIGH_VOLATILITY),
        new Step(3361, BreakerMode.HIGH_VOLATILITY, BreakerMode.NORMAL));
    assertThat(oracle()).isEqualTo(expected);
    // Each transition happens on the first request of its second.
    assertThat(events).allSatisfy(e -> assertThat((e.epochMillis() - startMillis) % 1000).isZero());
    assertThat(events)
        .map(e -> new Step((e.epochMillis() - startMillis) / 1000, e.from(), e.to()))
        .isEqualTo(expected);

    assertThat(events.get(0).panicRatio()).isEqualTo(0.5);
    assertThat(events.get(0).samples()).isEqualTo(1200 * RATE);
    assertThat(events.get(0).observedSeconds()).isEqualTo(1200);
    assertThat(events.get(1).panicRatio()).isEqualTo(0.8);
    assertThat(events.get(1).observedSeconds()).isEqualTo(WINDOW);
    assertThat(events.get(2).panicRatio()).isEqualTo(1079.0 / 1800);
    assertThat(events.get(3).panicRatio()).isEqualTo(539.0 / 1800);
    assertThat(breaker.state().transitions()).isEqualTo(4);
  }

  /** The transitions implied by the traffic plan, in exact arithmetic and default thresholds. */
  private static List<Step> oracle() {
    List<Step> steps = new ArrayList<>();
    BreakerMode mode = BreakerMode.NORMAL;
    for (long t = 0; t < HOUR; t++) {
      long panic = 0;
      long total = 0;
      for (long s = Math.max(0, t - WINDOW); s <= t - 1; s++) {
        total += RATE;
        panic += panicAt(s) ? RATE : 0;
      }
      if (total < BreakerConfig.DEFAULT_MIN_SAMPLES) {
        continue;
      }
      BreakerMode next = mode;
      do {
        mode = next;
        // ratio >= x/100  <=>  100 * panic >= x * total
        next = switch (mode) {
          case NORMAL -> 100 * panic >= 50 * total ? BreakerMode.HIGH_VOLATILITY : mode;
          case HIGH_VOLATILITY -> 100 * panic >= 80 * total ? BreakerMode.CIRCUIT_OPEN
              : 100 * panic < 30 * total ? BreakerMode.NORMAL : mode;
          case CIRCUIT_OPEN -> 100 * panic < 60 * total ? BreakerMode.HIGH_VOLATILITY : mode;
        };
        if (next != mode) {
          steps.add(new Step(t, mode, next));
        }
      } while (next != mode);
    }
    return steps;
  }
}
