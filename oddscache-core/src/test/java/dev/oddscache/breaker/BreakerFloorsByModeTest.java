package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default TTL floor table, read through the breaker in each mode. */
class BreakerFloorsByModeTest {
  private final ManualTicker ticker = new ManualTicker();

  @ParameterizedTest(name = "{0} x {1} -> {2}s")
  @CsvSource({
      "NORMAL,          PANIC,    0",
      "NORMAL,          WARNING,  0",
      "NORMAL,          NORMAL,   0",
      "HIGH_VOLATILITY, PANIC,    5",
      "HIGH_VOLATILITY, WARNING, 10",
      "HIGH_VOLATILITY, NORMAL,   0",
      "CIRCUIT_OPEN,    PANIC,   10",
      "CIRCUIT_OPEN,    WARNING, 30",
      "CIRCUIT_OPEN,    NORMAL,  60",
  })
  void floorSeconds_followsTheSpecTable(BreakerMode mode, Status status, long expected) {
    PanicBreaker breaker = PanicBreaker.of(Traffic.oneSecondWindow(), ticker);
    driveTo(breaker, mode);

    assertThat(breaker.mode()).isEqualTo(mode);
    assertThat(breaker.floorSeconds(status)).isEqualTo(expected);
  }

  @Test
  void floorSeconds_usesTheConfiguredTable() {
    BreakerFloors floors =
        BreakerFloors.builder().floor(BreakerMode.HIGH_VOLATILITY, Status.PANIC, 7).build();
    PanicBreaker breaker = PanicBreaker.of(
        BreakerConfig.from(Traffic.oneSecondWindow()).floors(floors).build(), ticker);

    driveTo(breaker, BreakerMode.HIGH_VOLATILITY);

    assertThat(breaker.floorSeconds(Status.PANIC)).isEqualTo(7);
  }

  private void driveTo(PanicBreaker breaker, BreakerMode mode) {
    switch (mode) {
      case NORMAL -> Traffic.percent(breaker, ticker, 0);
      case HIGH_VOLATILITY -> Traffic.percent(breaker, ticker, 50);
      case CIRCUIT_OPEN -> Traffic.percent(breaker, ticker, 90);
    }
  }
}
