package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerTransitionKind.Trigger;
import dev.oddscache.breaker.event.BreakerTransition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** NORMAL ⇄ HIGH_VOLATILITY: enter at ratio ≥ 0.50, leave below 0.30, hold in between. */
class HighVolatilityTest {
  private final ManualTicker ticker = new ManualTicker();
  private final PanicBreaker breaker = PanicBreaker.of(Traffic.oneSecondWindow(), ticker);
  private final List<BreakerTransition> events = new CopyOnWriteArrayList<>();

  HighVolatilityTest() {
    breaker.addListener(events::add);
  }

  @Test
  void ratio049_staysNormal() {
    Traffic.percent(breaker, ticker, 49);

    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
    assertThat(events).isEmpty();
  }

  @Test
  void ratio050_entersHighVolatility() {
    Traffic.percent(breaker, ticker, 50);

    assertThat(breaker.mode()).isEqualTo(BreakerMode.HIGH_VOLATILITY);
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.from()).isEqualTo(BreakerMode.NORMAL);
      assertThat(e.to()).isEqualTo(BreakerMode.HIGH_VOLATILITY);
      assertThat(e.panicRatio()).isEqualTo(0.5);
      assertThat(e.samples()).isEqualTo(100);
      assertThat(e.trigger()).isEqualTo(Trigger.SUSTAINED_PANIC);
      assertThat(e.epochMillis()).isEqualTo(ticker.epochMillis());
    });
  }

  @Test
  void warningRequests_areNotPanic() {
    Traffic.second(breaker, ticker, 49, 51, Status.WARNING);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);

    Traffic.second(breaker, ticker, 50, 50, Status.WARNING);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.HIGH_VOLATILITY);
  }

  @Test
  void hysteresis_holdsHighVolatilityBetweenThresholds() {
    Traffic.percent(breaker, ticker, 50);

    Traffic.percent(breaker, ticker, 45);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.HIGH_VOLATILITY);
    Traffic.percent(breaker, ticker, 49);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.HIGH_VOLATILITY);
    Traffic.percent(breaker, ticker, 79);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.HIGH_VOLATILITY);
    Traffic.percent(breaker, ticker, 30);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.HIGH_VOLATILITY);
    assertThat(events).hasSize(1);
  }

  @Test
  void ratio029_leavesHighVolatility() {
    Traffic.percent(breaker, ticker, 50);
    Traffic.percent(breaker, ticker, 45);

    Traffic.percent(breaker, ticker, 29);

    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
    assertThat(events).hasSize(2);
    assertThat(events.get(1)).satisfies(e -> {
      assertThat(e.kind()).isEqualTo(BreakerTransitionKind.HIGH_VOLATILITY_TO_NORMAL);
      assertThat(e.panicRatio()).isEqualTo(0.29);
      assertThat(e.trigger()).isEqualTo(Trigger.RECOVERY);
    });
  }

  @Test
  void afterLeaving_ratio049_doesNotReenter() {
    Traffic.percent(breaker, ticker, 50);
    Traffic.percent(breaker, ticker, 29);

    Traffic.percent(breaker, ticker, 49);

    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
  }
}
