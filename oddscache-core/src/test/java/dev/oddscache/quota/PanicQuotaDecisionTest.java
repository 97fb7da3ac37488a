package dev.oddscache.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fields of a {@link QuotaDecision}: no-panic case, rounding, alerts and argument checks. */
class PanicQuotaDecisionTest {
  private final PanicQuota quota = PanicQuota.ofDefaults();

  @Test
  void decide_noPanic_keepsBaseTtl() {
    for (Stakes stakes : Stakes.values()) {
      QuotaDecision d = quota.decide(90, PanicState.NONE, stakes);

      assertThat(d.ttlSeconds()).isEqualTo(90);
      assertThat(d.panicMode()).isEqualTo(PanicMode.NORMAL);
      assertThat(d.tier()).isZero();
      assertThat(d.panicDurationMinutes()).isNull();
      assertThat(d.alert()).isNull();
      assertThat(d.panicking()).isFalse();
      assertThat(d.stakes()).isEqualTo(stakes);
      assertThat(d.thresholds()).isEqualTo(QuotaConfig.ofDefaults().thresholds(stakes));
    }
  }

  @Test
  void decide_noPanicWithZeroBaseTtl_isZero() {
    assertThat(quota.decide(0, PanicState.NONE, Stakes.LOW).ttlSeconds()).isZero();
  }

  @Test
  void decide_highPrecisionDuration_roundsToOneDecimal() {
    Duration d = PanicQuotaTiersTest.minutes(35.123456789);

    QuotaDecision decision = quota.decide(60, PanicState.lasting(d), Stakes.MEDIUM);

    assertThat(decision.panicDurationMinutes()).isEqualTo(35.1);
    assertThat(decision.tier()).isEqualTo(2);
    assertThat(decision.ttlSeconds()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0} ms -> {1} min")
  @CsvSource({
    "0,       0.0",
    "2999,    0.0",
    "3000,    0.1",
    "89999,   1.5",
    "2103000, 35.1",
    "2108999, 35.1",
    "2109000, 35.2",
  })
  void decide_panicDurationMinutes_roundsHalfUpToTenths(long millis, double minutes) {
    QuotaDecision d = quota.decide(60, PanicState.lastingMillis(millis), Stakes.HIGH);

    assertThat(d.panicDurationMinutes()).isEqualTo(minutes);
  }

  @ParameterizedTest(name = "{0} after {1} min -> alert {2}")
  @CsvSource({
    "HIGH,    59, false",
    "HIGH,   179, false",
    "HIGH,   180, true",
    "HIGH,   360, true",
    "MEDIUM,  29, false",
    "MEDIUM,  89, false",
    "MEDIUM,  90, true",
    "MEDIUM, 180, true",
    "LOW,     14, false",
    "LOW,     44, false",
    "LOW,     45, true",
    "LOW,     90, true",
  })
  void decide_alertPresentExactlyForTiers3And4(Stakes stakes, long minutes, boolean alert) {
    QuotaDecision d = quota.decide(60, PanicState.lasting(Duration.ofMinutes(minutes)), stakes);

    assertThat(d.hasAlert()).isEqualTo(alert);
    assertThat(d.alert() != null).isEqualTo(d.tier() >= 3);
  }

  @Test
  void decide_tier3Alert_namesStakesTierMinutesAndTtl() {
    QuotaDecision d = quota.decide(60, PanicState.lasting(Duration.ofMinutes(200)), Stakes.HIGH);

    assertThat(d.alert())
        .contains("HIGH")
        .contains("tier 3")
        .contains("DEGRADED")
        .contains("200.0 min")
        .contains("180 min")
        .contains("TTL 30 s");
  }

  @Test
  void decide_tier4Alert_namesStakesTierMinutesAndTtl() {
    QuotaDecision d =
        quota.decide(60, PanicState.lasting(Duration.ofMinutes(125).plusSeconds(30)), Stakes.LOW);

    assertThat(d.alert())
        .contains("LOW")
        .contains("tier 4")
        .contains("NEW_NORMAL")
        .contains("125.5 min")
        .contains("90 min")
        .contains("TTL 45 s");
  }

  @Test
  void decide_returnsTheThresholdsUsed() {
    QuotaDecision d = quota.decide(60, PanicState.lasting(Duration.ofMinutes(1)), Stakes.MEDIUM);

    assertThat(d.thresholds()).isEqualTo(QuotaConfig.DEFAULT_MEDIUM_THRESHOLDS);
  }

  @Test
  void decide_negativeBaseTtl_isRejectedNamingFieldAndValue() {
    assertThatThrownBy(() -> quota.decide(-1, PanicState.NONE, Stakes.LOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseTtlSeconds")
        .hasMessageContaining("-1");
  }

  @Test
  void decide_nullArguments_areRejectedNamingTheArgument() {
    assertThatThrownBy(() -> quota.decide(60, null, Stakes.LOW))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("state");
    assertThatThrownBy(() -> quota.decide(60, PanicState.NONE, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("stakes");
  }

  @Test
  void decision_contradictoryFields_areRejected() {
    QuotaThresholds t = QuotaConfig.DEFAULT_LOW_THRESHOLDS;

    assertThatThrownBy(() -> new QuotaDecision(5, PanicMode.PANIC_PARTIAL, 3, Stakes.LOW, 1.0,
        null, t)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tier");
    assertThatThrownBy(() -> new QuotaDecision(60, PanicMode.NORMAL, 0, Stakes.LOW, 1.0, null, t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("panicDurationMinutes");
    assertThatThrownBy(() -> new QuotaDecision(-5, PanicMode.NORMAL, 0, Stakes.LOW, null, null, t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttlSeconds")
        .hasMessageContaining("-5");
  }
}
