package dev.oddscache.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BreakerConfigTest {

  @Test
  void ofDefaults_matchesSpec() {
    BreakerConfig config = BreakerConfig.ofDefaults();

    assertThat(config.window()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.windowSeconds()).isEqualTo(1800);
    assertThat(config.minSamples()).isEqualTo(30);
    assertThat(config.enterHighVolatility()).isEqualTo(0.50);
    assertThat(config.exitHighVolatility()).isEqualTo(0.30);
    assertThat(config.openCircuit()).isEqualTo(0.80);
    assertThat(config.closeCircuit()).isEqualTo(0.60);
    assertThat(config.floors()).isEqualTo(BreakerFloors.ofDefaults());
    assertThat(config.evaluationInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void from_copiesEverySetting() {
    BreakerConfig base = BreakerConfig.custom()
        .window(Duration.ofMinutes(10))
        .minSamples(5)
        .enterHighVolatility(0.4)
        .exitHighVolatility(0.2)
        .openCircuit(0.7)
        .closeCircuit(0.5)
        .floors(BreakerFloors.builder().floor(BreakerMode.CIRCUIT_OPEN, Status.NORMAL, 90).build())
        .build();

    BreakerConfig copy = BreakerConfig.from(base).build();

    assertThat(copy).isEqualTo(base).hasSameHashCodeAs(base);
    assertThat(copy.floors().floorSeconds(BreakerMode.CIRCUIT_OPEN, Status.NORMAL)).isEqualTo(90);
    assertThat(BreakerConfig.from(base).minSamples(6).build()).isNotEqualTo(base);
  }

  @Test
  void window_rejectsZeroNegativeAndFractionalSeconds() {
    assertThatThrownBy(() -> BreakerConfig.custom().window(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window")
        .hasMessageContaining("PT0S");
    assertThatThrownBy(() -> BreakerConfig.custom().window(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-5S");
    assertThatThrownBy(() -> BreakerConfig.custom().window(Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0.5S");
    assertThatThrownBy(() -> BreakerConfig.custom().window(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window")
        .hasMessageContaining("PT1.5S");
    assertThat(BreakerConfig.custom().window(Duration.ofSeconds(1)).build().windowSeconds())
        .isEqualTo(1);
  }

  @Test
  void minSamples_rejectsZero() {
    assertThatThrownBy(() -> BreakerConfig.custom().minSamples(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minSamples").hasMessageContaining("0");
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
  void ratios_rejectValuesOutsideZeroOne(double bad) {
    String value = String.valueOf(bad);
    assertThatThrownBy(() -> BreakerConfig.custom().enterHighVolatility(bad))
        .hasMessageContaining("enterHighVolatility").hasMessageContaining(value);
    assertThatThrownBy(() -> BreakerConfig.custom().exitHighVolatility(bad))
        .hasMessageContaining("exitHighVolatility").hasMessageContaining(value);
    assertThatThrownBy(() -> BreakerConfig.custom().openCircuit(bad))
        .hasMessageContaining("openCircuit").hasMessageContaining(value);
    assertThatThrownBy(() -> BreakerConfig.custom().closeCircuit(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closeCircuit").hasMessageContaining(value);
  }

  @Test
  void build_rejectsExitNotBelowEnter() {
    assertThatThrownBy(() -> BreakerConfig.custom().exitHighVolatility(0.5).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exitHighVolatility").hasMessageContaining("enterHighVolatility")
        .hasMessageContaining("0.5");
  }

  @Test
  void build_rejectsEnterAboveOpen() {
    assertThatThrownBy(() -> BreakerConfig.custom().enterHighVolatility(0.85).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("enterHighVolatility").hasMessageContaining("openCircuit")
        .hasMessageContaining("0.85");
  }

  @Test
  void build_rejectsCloseNotBelowOpen() {
    assertThatThrownBy(() -> BreakerConfig.custom().closeCircuit(0.8).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("closeCircuit").hasMessageContaining("openCircuit");
  }

  @Test
  void build_acceptsEnterEqualToOpen() {
    BreakerConfig config =
        BreakerConfig.custom().enterHighVolatility(0.8).openCircuit(0.8).build();

    assertThat(config.enterHighVolatility()).isEqualTo(config.openCircuit());
  }

  @Test
  void floors_rejectsNull() {
    assertThatThrownBy(() -> BreakerConfig.custom().floors(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("floors");
  }
}
