package dev.oddscache.vix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link VixConfig}: its defaults and setters that name the field and the value. */
class VixConfigTest {

  @Test
  void ofDefaults_hasTheSpecDefaults() {
    VixConfig config = VixConfig.ofDefaults();

    assertThat(config.alpha()).isEqualTo(0.05);
    assertThat(config.sigmaMin()).isEqualTo(0.01);
    assertThat(config.warmupTicks()).isEqualTo(20);
    assertThat(config.jumpThreshold()).isEqualTo(0.10);
    assertThat(config.panicSigma()).isEqualTo(2.0);
    assertThat(config.warningSigma()).isEqualTo(1.5);
    assertThat(config.hold()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.holdMillis()).isEqualTo(60_000);
    assertThat(VixConfig.ofDefaults()).isSameAs(config);
  }

  @Test
  void from_copiesEverySetting() {
    VixConfig base = VixConfig.custom().alpha(0.2).sigmaMin(0.02).warmupTicks(5)
        .jumpThreshold(0.3).panicSigma(3.0).warningSigma(2.5).hold(Duration.ofSeconds(7))
        .drift(DriftConfig.custom().threshold(0.05).familyThreshold("over_under", 0.1)
            .trackingTimeout(Duration.ofMinutes(3)).build())
        .maxMatches(300).maxFutureSkew(Duration.ofSeconds(30))
        .build();

    VixConfig copy = VixConfig.from(base).build();

    assertThat(copy).hasToString(base.toString()).isEqualTo(base);
    assertThat(copy.toString()).isEqualTo("VixConfig{alpha=0.2, sigmaMin=0.02, warmupTicks=5, "
        + "jumpThreshold=0.3, panicSigma=3.0, warningSigma=2.5, hold=PT7S, drift=DriftConfig{"
        + "threshold=0.05, families={over_under=0.1}, trackingTimeout=PT3M}, maxMatches=300, "
        + "maxFutureSkew=PT30S}");
  }

  @Test
  void maxMatchesAndFutureSkew_defaultsAndBadValues() {
    assertThat(VixConfig.ofDefaults().maxMatches()).isEqualTo(20_000);
    assertThat(VixConfig.ofDefaults().maxFutureSkew()).isEqualTo(Duration.ofMinutes(5));
    assertThat(VixConfig.custom().maxFutureSkew(Duration.ZERO).build().maxFutureSkew())
        .isZero();

    assertThatThrownBy(() -> VixConfig.custom().maxMatches(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxMatches must be >= 1, got 0");
    assertThatThrownBy(() -> VixConfig.custom().maxFutureSkew(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxFutureSkew must not be negative, got PT-1S");
    assertThatThrownBy(() -> VixConfig.custom().maxFutureSkew(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxFutureSkew");
  }

  @Test
  void custom_acceptsTheEdgesOfTheValidRanges() {
    VixConfig config = VixConfig.custom().alpha(1.0).warmupTicks(0).warningSigma(2.0)
        .panicSigma(2.0).hold(Duration.ofMillis(1)).build();

    assertThat(config.alpha()).isEqualTo(1.0);
    assertThat(config.warningSigma()).isEqualTo(config.panicSigma());
    assertThat(config.holdMillis()).isEqualTo(1);
  }

  @Test
  void hold_hugeDuration_saturatesInsteadOfOverflowing() {
    VixConfig config = VixConfig.custom().hold(Duration.ofSeconds(Long.MAX_VALUE)).build();

    assertThat(config.holdMillis()).isEqualTo(Long.MAX_VALUE);
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad(b -> b.alpha(0.0), "alpha must be in (0, 1], got 0.0"),
        bad(b -> b.alpha(1.5), "alpha must be in (0, 1], got 1.5"),
        bad(b -> b.alpha(Double.NaN), "alpha must be in (0, 1], got NaN"),
        bad(b -> b.sigmaMin(0.0), "sigmaMin must be a finite number > 0, got 0.0"),
        bad(b -> b.sigmaMin(-0.01), "sigmaMin must be a finite number > 0, got -0.01"),
        bad(b -> b.sigmaMin(Double.POSITIVE_INFINITY),
            "sigmaMin must be a finite number > 0, got Infinity"),
        bad(b -> b.warmupTicks(-1), "warmupTicks must be >= 0, got -1"),
        bad(b -> b.jumpThreshold(0.0), "jumpThreshold must be a finite number > 0, got 0.0"),
        bad(b -> b.jumpThreshold(Double.NaN), "jumpThreshold must be a finite number > 0, got NaN"),
        bad(b -> b.panicSigma(-2.0), "panicSigma must be a finite number > 0, got -2.0"),
        bad(b -> b.warningSigma(0.0), "warningSigma must be a finite number > 0, got 0.0"),
        bad(b -> b.hold(Duration.ZERO), "hold must be positive, got PT0S"),
        bad(b -> b.hold(Duration.ofSeconds(-5)), "hold must be positive, got PT-5S"),
        bad(b -> b.hold(Duration.ofNanos(500_000)), "hold must be at least 1 ms, got PT0.0005S"),
        bad(b -> b.warningSigma(2.5).build(),
            "warningSigma must be <= panicSigma, got warningSigma=2.5 > panicSigma=2.0"),
        bad(b -> b.panicSigma(1.0).build(),
            "warningSigma must be <= panicSigma, got warningSigma=1.5 > panicSigma=1.0"));
  }

  private static Arguments bad(Consumer<VixConfig.Builder> setting, String message) {
    return Arguments.of(setting, message);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badSettings")
  void builder_badSetting_throwsNamingFieldAndValue(
      Consumer<VixConfig.Builder> setting, String message) {
    assertThatThrownBy(() -> setting.accept(VixConfig.custom()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void builder_nullHoldOrBase_throwsNullPointerNamingTheArgument() {
    assertThatThrownBy(() -> VixConfig.custom().hold(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("hold");
    assertThatThrownBy(() -> VixConfig.from(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("base");
    assertThatThrownBy(() -> new VixDetector(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("config");
  }
}
