package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.metrics.MeterNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BreakerMetricsTest {
  private final ManualTicker ticker = new ManualTicker();
  private final PanicBreaker breaker = PanicBreaker.of(Traffic.oneSecondWindow(), ticker);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  BreakerMetricsTest() {
    new BreakerMetrics(breaker).bindTo(registry);
  }

  @Test
  void meterNames_renderAsTheSpecPrometheusNames() {
    assertThat(MeterNames.BREAKER_MODE).isEqualTo("oddscache.breaker.mode");
    assertThat(MeterNames.BREAKER_PANIC_RATIO).isEqualTo("oddscache.breaker.panic.ratio");
    assertThat(MeterNames.BREAKER_TRANSITIONS).isEqualTo("oddscache.breaker.transitions");
    assertThat(MeterNames.BREAKER_SAMPLES).isEqualTo("oddscache.breaker.samples");
  }

  @Test
  void newBreaker_gaugesAtZeroAndEveryTransitionCounterRegistered() {
    assertThat(gauge(MeterNames.BREAKER_MODE)).isZero();
    assertThat(gauge(MeterNames.BREAKER_PANIC_RATIO)).isZero();
    assertThat(gauge(MeterNames.BREAKER_SAMPLES)).isZero();
    assertThat(registry.get(MeterNames.BREAKER_TRANSITIONS).counters()).hasSize(4)
        .allSatisfy(c -> assertThat(c.count()).isZero());
  }

  @Test
  void cascadeUp_movesGaugesAndCountsEachStepByFromAndTo() {
    Traffic.percent(breaker, ticker, 90);

    assertThat(gauge(MeterNames.BREAKER_MODE)).isEqualTo(2.0);
    assertThat(gauge(MeterNames.BREAKER_PANIC_RATIO)).isEqualTo(0.9);
    assertThat(gauge(MeterNames.BREAKER_SAMPLES)).isEqualTo(100.0);
    assertThat(transitions("normal", "high_volatility")).isEqualTo(1.0);
    assertThat(transitions("high_volatility", "circuit_open")).isEqualTo(1.0);
    assertThat(transitions("circuit_open", "high_volatility")).isZero();
    assertThat(transitions("high_volatility", "normal")).isZero();
  }

  @Test
  void recovery_countsDownwardSteps() {
    Traffic.percent(breaker, ticker, 90);
    Traffic.percent(breaker, ticker, 58);
    assertThat(gauge(MeterNames.BREAKER_MODE)).isEqualTo(1.0);

    Traffic.percent(breaker, ticker, 0);

    assertThat(gauge(MeterNames.BREAKER_MODE)).isZero();
    assertThat(gauge(MeterNames.BREAKER_PANIC_RATIO)).isZero();
    assertThat(transitions("circuit_open", "high_volatility")).isEqualTo(1.0);
    assertThat(transitions("high_volatility", "normal")).isEqualTo(1.0);
  }

  @Test
  void throwingListener_doesNotStopTheTransitionCounter() {
    breaker.addListener(e -> {
      throw new IllegalStateException("listener bug");
    });

    Traffic.percent(breaker, ticker, 50);

    assertThat(transitions("normal", "high_volatility")).isEqualTo(1.0);
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double transitions(String from, String to) {
    Counter counter = registry.get(MeterNames.BREAKER_TRANSITIONS)
        .tags(MeterNames.TAG_FROM, from, MeterNames.TAG_TO, to).counter();
    return counter.count();
  }
}
