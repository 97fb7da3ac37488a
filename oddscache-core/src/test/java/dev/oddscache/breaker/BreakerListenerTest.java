package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.oddscache.ManualTicker;
import dev.oddscache.breaker.event.BreakerListener;
import dev.oddscache.breaker.event.BreakerTransition;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BreakerListenerTest {
  private final ManualTicker ticker = new ManualTicker();
  private final PanicBreaker breaker = PanicBreaker.of(Traffic.oneSecondWindow(), ticker);

  @Test
  void throwingListener_doesNotBreakTheBreakerNorOtherListeners() {
    List<BreakerTransition> seen = new CopyOnWriteArrayList<>();
    breaker.addListener(e -> {
      throw new IllegalStateException("listener bug");
    });
    breaker.addListener(seen::add);

    assertThatCode(() -> Traffic.percent(breaker, ticker, 90)).doesNotThrowAnyException();

    assertThat(breaker.mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
    assertThat(seen).hasSize(2);

    Traffic.percent(breaker, ticker, 10);
    assertThat(breaker.mode()).isEqualTo(BreakerMode.NORMAL);
    assertThat(seen).hasSize(4);
  }

  @Test
  void removedListener_isNoLongerCalled() {
    List<BreakerTransition> seen = new CopyOnWriteArrayList<>();
    BreakerListener listener = seen::add;
    breaker.addListener(listener);

    assertThat(breaker.removeListener(listener)).isTrue();
    Traffic.percent(breaker, ticker, 90);

    assertThat(seen).isEmpty();
    assertThat(breaker.removeListener(listener)).isFalse();
  }

  @Test
  void listener_seesTheNewModeAlreadyInPlace() {
    List<BreakerMode> modesSeen = new CopyOnWriteArrayList<>();
    breaker.addListener(e -> modesSeen.add(breaker.mode()));

    Traffic.percent(breaker, ticker, 50);

    assertThat(modesSeen).containsExactly(BreakerMode.HIGH_VOLATILITY);
  }
}
