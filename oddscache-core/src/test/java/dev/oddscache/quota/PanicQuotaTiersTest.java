package dev.oddscache.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default tier table, with literal numbers so that any change to a default fails here. */
class PanicQuotaTiersTest {
  private final PanicQuota quota = PanicQuota.ofDefaults();

  static Duration minutes(double minutes) {
    return Duration.ofNanos(Math.round(minutes * 60_000_000_000.0));
  }

  @ParameterizedTest(name = "{0} after {1} min -> tier {2}, ttl {3}, {4}")
  @CsvSource({
    "HIGH,     10, 1,  0, PANIC_FULL",
    "HIGH,    120, 2,  5, PANIC_PARTIAL",
    "HIGH,    300, 3, 30, DEGRADED",
    "HIGH,    400, 4, 60, NEW_NORMAL",
    "MEDIUM,   10, 1,  0, PANIC_FULL",
    "MEDIUM,   60, 2,  5, PANIC_PARTIAL",
    "MEDIUM,  120, 3, 30, DEGRADED",
    "MEDIUM,  200, 4, 60, NEW_NORMAL",
    "LOW,       5, 1,  0, PANIC_FULL",
    "LOW,      30, 2,  5, PANIC_PARTIAL",
    "LOW,      60, 3, 20, DEGRADED",
    "LOW,     100, 4, 45, NEW_NORMAL",
  })
  void decide_insideEachTier(Stakes stakes, long minutes, int tier, long ttl, PanicMode mode) {
    QuotaDecision d = quota.decide(120, PanicState.lasting(Duration.ofMinutes(minutes)), stakes);

    assertThat(d.tier()).isEqualTo(tier);
    assertThat(d.ttlSeconds()).isEqualTo(ttl);
    assertThat(d.panicMode()).isEqualTo(mode);
    assertThat(d.stakes()).isEqualTo(stakes);
  }

  @ParameterizedTest(name = "{0}: below {1} min -> tier {2} ttl {3}; at it -> tier {4} ttl {5}")
  @CsvSource({
    "HIGH,    60, 1,  0, 2,  5",
    "HIGH,   180, 2,  5, 3, 30",
    "HIGH,   360, 3, 30, 4, 60",
    "MEDIUM,  30, 1,  0, 2,  5",
    "MEDIUM,  90, 2,  5, 3, 30",
    "MEDIUM, 180, 3, 30, 4, 60",
    "LOW,     15, 1,  0, 2,  5",
    "LOW,     45, 2,  5, 3, 20",
    "LOW,     90, 3, 20, 4, 45",
  })
  void decide_justBelowAndAtEachBound(
      Stakes stakes, long boundMinutes, int tierBelow, long ttlBelow, int tierAt, long ttlAt) {
    long boundMillis = Duration.ofMinutes(boundMinutes).toMillis();

    QuotaDecision below = quota.decide(120, PanicState.lastingMillis(boundMillis - 1), stakes);
    QuotaDecision at = quota.decide(120, PanicState.lastingMillis(boundMillis), stakes);

    assertThat(below.tier()).isEqualTo(tierBelow);
    assertThat(below.ttlSeconds()).isEqualTo(ttlBelow);
    assertThat(below.panicMode()).isEqualTo(PanicMode.ofTier(tierBelow));
    assertThat(at.tier()).isEqualTo(tierAt);
    assertThat(at.ttlSeconds()).isEqualTo(ttlAt);
    assertThat(at.panicMode()).isEqualTo(PanicMode.ofTier(tierAt));
  }

  @Test
  void decide_mediumAt29point9999Minutes_isTier1() {
    QuotaDecision d = quota.decide(60, PanicState.lasting(minutes(29.9999)), Stakes.MEDIUM);

    assertThat(d.tier()).isEqualTo(1);
    assertThat(d.ttlSeconds()).isZero();
    assertThat(d.panicMode()).isEqualTo(PanicMode.PANIC_FULL);
  }

  @Test
  void decide_mediumAtExactly30Minutes_isTier2() {
    QuotaDecision d = quota.decide(60, PanicState.lasting(minutes(30.0)), Stakes.MEDIUM);

    assertThat(d.tier()).isEqualTo(2);
    assertThat(d.ttlSeconds()).isEqualTo(5);
    assertThat(d.panicMode()).isEqualTo(PanicMode.PANIC_PARTIAL);
  }

  @Test
  void decide_oneNanosecondBelowBound_staysInLowerTier() {
    // 29.99… minutes rounds to 30.0 in the decision, but the tier must come from exact time.
    Duration justBelow = Duration.ofMinutes(30).minusNanos(1);

    QuotaDecision d = quota.decide(60, PanicState.lasting(justBelow), Stakes.MEDIUM);

    assertThat(d.tier()).isEqualTo(1);
    assertThat(d.panicDurationMinutes()).isEqualTo(30.0);
  }

  @Test
  void decide_sevenDayPanic_isTier4ForEveryStakes() {
    PanicState week = PanicState.lasting(Duration.ofDays(7));

    assertThat(quota.decide(60, week, Stakes.HIGH).ttlSeconds()).isEqualTo(60);
    assertThat(quota.decide(60, week, Stakes.MEDIUM).ttlSeconds()).isEqualTo(60);
    assertThat(quota.decide(60, week, Stakes.LOW).ttlSeconds()).isEqualTo(45);
    for (Stakes stakes : Stakes.values()) {
      QuotaDecision d = quota.decide(60, week, stakes);
      assertThat(d.tier()).isEqualTo(4);
      assertThat(d.panicMode()).isEqualTo(PanicMode.NEW_NORMAL);
      assertThat(d.panicDurationMinutes()).isEqualTo(10_080.0);
    }
  }

  @Test
  void decide_longestRepresentablePanic_isTier4() {
    QuotaDecision d = quota.decide(60, PanicState.lastingMillis(Long.MAX_VALUE), Stakes.HIGH);

    assertThat(d.tier()).isEqualTo(4);
    assertThat(d.ttlSeconds()).isEqualTo(60);
  }

  /**
   * Regression: the original Python system treated a zero duration as "no panic" (full TTL), so
   * a panic that began on a whole second was cached at the full TTL.
   */
  @Test
  void decide_panicJustStarted_isTier1NotNoPanic() {
    for (Stakes stakes : Stakes.values()) {
      QuotaDecision d = quota.decide(300, PanicState.lasting(Duration.ZERO), stakes);

      assertThat(d.tier()).isEqualTo(1);
      assertThat(d.ttlSeconds()).isZero();
      assertThat(d.panicMode()).isEqualTo(PanicMode.PANIC_FULL);
      assertThat(d.panicDurationMinutes()).isEqualTo(0.0);
    }
  }

  @Test
  void decide_startRecordedByAClockAhead_isTier1() {
    PanicState skewed = PanicState.since(1_000_500, 1_000_000);

    QuotaDecision d = quota.decide(300, skewed, Stakes.HIGH);

    assertThat(d.tier()).isEqualTo(1);
    assertThat(d.ttlSeconds()).isZero();
  }

  @Test
  void decide_customConfig_usesItsBoundsAndTtls() {
    QuotaConfig config = QuotaConfig.custom()
        .thresholds(new QuotaThresholds(Stakes.MEDIUM, Duration.ofMinutes(10),
            Duration.ofMinutes(20), Duration.ofMinutes(40), 1, 2, 3, 4))
        .build();
    PanicQuota custom = new PanicQuota(config);

    assertThat(custom.decide(60, PanicState.lasting(Duration.ofMinutes(9)), Stakes.MEDIUM)
        .ttlSeconds()).isEqualTo(1);
    assertThat(custom.decide(60, PanicState.lasting(Duration.ofMinutes(10)), Stakes.MEDIUM)
        .ttlSeconds()).isEqualTo(2);
    assertThat(custom.decide(60, PanicState.lasting(Duration.ofMinutes(20)), Stakes.MEDIUM)
        .ttlSeconds()).isEqualTo(3);
    assertThat(custom.decide(60, PanicState.lasting(Duration.ofMinutes(40)), Stakes.MEDIUM)
        .ttlSeconds()).isEqualTo(4);
    // Other rows keep their defaults.
    assertThat(custom.decide(60, PanicState.lasting(Duration.ofMinutes(20)), Stakes.LOW)
        .ttlSeconds()).isEqualTo(5);
  }
}
