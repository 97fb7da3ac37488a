package dev.oddscache.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.quota.PanicMode;
import dev.oddscache.quota.PanicState;
import dev.oddscache.quota.Stakes;
import dev.oddscache.zone.Zone;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * effective TTL = max(freshness, breaker floor, quota TTL when PANIC), freshness being 0 under
 * PANIC and the base TTL otherwise: cell by cell, with expected values written out by hand.
 */
class DecisionEngineTest {
  private static final Pattern EFFECTIVE = Pattern.compile(
      "effective TTL (\\d+)s = max\\(freshness (\\d+)s, floor (\\d+)s, quota (\\d+)s\\)");
  private static final Pattern QUOTA_LINE = Pattern.compile("quota TTL (\\d+)s");

  private final DecisionEngine engine = DecisionEngine.ofDefaults();

  @Test
  void calmDecisions_withTheZoneTtl_equalTheExplicitPathWhateverThePanicState() {
    // Calm decisions with the zone's TTL are precomputed; they must be what the full evaluation
    // gives, and ignore the panic state as a calm request does.
    for (Zone zone : Zone.values()) {
      for (Status status : new Status[] {Status.NORMAL, Status.WARNING}) {
        for (BreakerMode mode : BreakerMode.values()) {
          for (Stakes stakes : Stakes.values()) {
            long base = engine.zones().baseTtlSeconds(zone);
            Decision viaZone = engine.decide(zone, status, mode, PanicState.NONE, stakes);
            Decision explicit = engine.decide(zone, base, status, mode, PanicState.NONE, stakes);
            assertThat(viaZone.baseTtlExplicit()).isFalse();
            assertThat(viaZone.ttlSeconds()).isEqualTo(explicit.ttlSeconds());
            assertThat(viaZone.breakerFloorSeconds()).isEqualTo(explicit.breakerFloorSeconds());
            assertThat(viaZone.tier()).isZero();
            assertThat(viaZone.panicDurationMinutes()).isNull();
            assertThat(viaZone.reasons()).isNotEmpty();
            assertThat(engine.decide(zone, status, mode, PanicState.lastingMillis(90_000), stakes))
                .isEqualTo(viaZone);
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} {1} panic {2} min base {3}s -> {4}s")
  @CsvSource({
    // mode,          status,  panicMinutes (-1: none), baseTtl, expected effective TTL
    "NORMAL,          NORMAL,  -1,  60,  60",
    "NORMAL,          WARNING, -1,  60,  60",
    "NORMAL,          PANIC,    0,  60,   0",
    "NORMAL,          PANIC,   35,  60,   5",
    "NORMAL,          PANIC,  100,  60,  30",
    "NORMAL,          PANIC,  200,  60,  60",
    "NORMAL,          PANIC,  200, 300,  60",
    "HIGH_VOLATILITY, NORMAL,  -1,  60,  60",
    "HIGH_VOLATILITY, NORMAL,  -1,   0,   0",
    "HIGH_VOLATILITY, WARNING, -1,  60,  60",
    "HIGH_VOLATILITY, WARNING, -1,   3,  10",
    "HIGH_VOLATILITY, PANIC,    0,  60,   5",
    "HIGH_VOLATILITY, PANIC,   35,  60,   5",
    "HIGH_VOLATILITY, PANIC,  100,  60,  30",
    "HIGH_VOLATILITY, PANIC,  200,  60,  60",
    "CIRCUIT_OPEN,    NORMAL,  -1,  10,  60",
    "CIRCUIT_OPEN,    NORMAL,  -1, 300, 300",
    "CIRCUIT_OPEN,    WARNING, -1,  10,  30",
    "CIRCUIT_OPEN,    WARNING, -1,  60,  60",
    "CIRCUIT_OPEN,    PANIC,    0,  60,  10",
    "CIRCUIT_OPEN,    PANIC,   35,  60,  10",
    "CIRCUIT_OPEN,    PANIC,  100,  60,  30",
    "CIRCUIT_OPEN,    PANIC,  200,  60,  60",
  })
  void combinationTable_mediumStakes(
      BreakerMode mode, Status status, long panicMinutes, long baseTtl, long expected) {
    PanicState panic = panicMinutes < 0
        ? PanicState.NONE
        : PanicState.lasting(Duration.ofMinutes(panicMinutes));

    Decision d = engine.decide(Zone.STANDARD, baseTtl, status, mode, panic, Stakes.MEDIUM);

    assertThat(d.ttlSeconds()).isEqualTo(expected);
    assertQuotaAgreesWithReasons(d);
  }

  /**
   * The decision's quota TTL is the quota's term in the effective TTL, and what its reasons say:
   * the quota line's "quota TTL Ns" and the last line's "quota Ns" are that number, and the
   * effective TTL is the max of the three terms the reasons name.
   */
  static void assertQuotaAgreesWithReasons(Decision d) {
    List<String> reasons = d.reasons();
    String effective = reasons.get(reasons.size() - 1);
    Matcher terms = EFFECTIVE.matcher(effective);
    assertThat(terms.matches()).as("last reason %s", effective).isTrue();
    long freshness = Long.parseLong(terms.group(2));
    long floor = Long.parseLong(terms.group(3));
    long quota = Long.parseLong(terms.group(4));
    assertThat(Long.parseLong(terms.group(1))).isEqualTo(d.ttlSeconds());
    assertThat(quota).as("quota term of %s", effective).isEqualTo(d.quotaTtlSeconds());
    assertThat(Math.max(freshness, Math.max(floor, quota))).isEqualTo(d.ttlSeconds());
    List<String> quotaLines = reasons.stream().filter(r -> r.contains("quota TTL")).toList();
    assertThat(quotaLines).hasSize(1);
    Matcher line = QUOTA_LINE.matcher(quotaLines.get(0));
    assertThat(line.find()).as("quota reason %s", quotaLines.get(0)).isTrue();
    assertThat(Long.parseLong(line.group(1))).isEqualTo(d.quotaTtlSeconds());
    if (d.status() == Status.PANIC) {
      assertThat(d.tier()).isPositive();
      assertThat(quotaLines.get(0)).startsWith("panic for ");
    } else {
      assertThat(d.quotaTtlSeconds()).isZero();
      assertThat(quotaLines.get(0)).contains("quota not applied");
    }
    assertThat(d.floorSeconds()).isEqualTo(Math.max(d.breakerFloorSeconds(), quota));
  }

  @Test
  void everyDecision_quotaTtlAgreesWithItsReasons() {
    PanicState[] panics = {PanicState.NONE, PanicState.lasting(Duration.ZERO),
        PanicState.lasting(Duration.ofMinutes(35)), PanicState.lasting(Duration.ofMinutes(100)),
        PanicState.lasting(Duration.ofMinutes(400))};
    for (Zone zone : Zone.values()) {
      for (Status status : Status.values()) {
        for (BreakerMode mode : BreakerMode.values()) {
          for (Stakes stakes : Stakes.values()) {
            for (PanicState panic : panics) {
              assertQuotaAgreesWithReasons(engine.decide(zone, status, mode, panic, stakes));
              for (long base : new long[] {0, 10, 300}) {
                assertQuotaAgreesWithReasons(
                    engine.decide(zone, base, status, mode, panic, stakes));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void circuitOpenNormalWithBase10_hasNoQuotaTerm() {
    Decision d = engine.decide(Zone.STANDARD, 10, Status.NORMAL, BreakerMode.CIRCUIT_OPEN,
        PanicState.NONE, Stakes.LOW);

    assertThat(d.quotaTtlSeconds()).isZero();
    assertThat(d.reasons()).contains(
        "no panic (tier 0): quota not applied, quota TTL 0s (LOW stakes)",
        "effective TTL 60s = max(freshness 10s, floor 60s, quota 0s)");
  }

  @Test
  void ligue1PanicFor35MinutesWithBase60_isFiveSecondsTierTwo() {
    Decision d = engine.decide(Zone.STANDARD, 60, Status.PANIC, BreakerMode.NORMAL,
        PanicState.lasting(Duration.ofMinutes(35)), Stakes.MEDIUM);

    assertThat(d.ttlSeconds()).isEqualTo(5);
    assertThat(d.tier()).isEqualTo(2);
    assertThat(d.panicMode()).isEqualTo(PanicMode.PANIC_PARTIAL);
    assertThat(d.quotaTtlSeconds()).isEqualTo(5);
    assertThat(d.panicDurationMinutes()).isEqualTo(35.0);
    assertThat(d.freshnessSeconds()).isZero();
    assertThat(d.alert()).isNull();
  }

  @Test
  void freshPanic_isTierOneAndBypasses() {
    Decision d = engine.decide(Zone.STANDARD, 60, Status.PANIC, BreakerMode.NORMAL,
        PanicState.lasting(Duration.ZERO), Stakes.MEDIUM);

    assertThat(d.ttlSeconds()).isZero();
    assertThat(d.tier()).isEqualTo(1);
    assertThat(d.panicMode()).isEqualTo(PanicMode.PANIC_FULL);
  }

  @Test
  void panicWithUnknownStart_isTreatedAsFreshPanic() {
    Decision d = engine.decide(Zone.GOLDEN, Status.PANIC, BreakerMode.NORMAL, PanicState.NONE,
        Stakes.HIGH);

    assertThat(d.tier()).isEqualTo(1);
    assertThat(d.ttlSeconds()).isZero();
    assertThat(d.panicDurationMinutes()).isEqualTo(0.0);
  }

  @Test
  void calmRequest_ignoresAnyPanicDuration() {
    Decision d = engine.decide(Zone.WARMUP, Status.WARNING, BreakerMode.NORMAL,
        PanicState.lasting(Duration.ofMinutes(500)), Stakes.HIGH);

    assertThat(d.tier()).isZero();
    assertThat(d.panicMode()).isEqualTo(PanicMode.NORMAL);
    assertThat(d.panicDurationMinutes()).isNull();
    assertThat(d.ttlSeconds()).isEqualTo(60);
  }

  @Test
  void circuitOpenNormalWithBase10_isSixty() {
    Decision d = engine.decide(Zone.STANDARD, 10, Status.NORMAL, BreakerMode.CIRCUIT_OPEN,
        PanicState.NONE, Stakes.LOW);

    assertThat(d.ttlSeconds()).isEqualTo(60);
    assertThat(d.breakerFloorSeconds()).isEqualTo(60);
    assertThat(d.reasons()).contains("breaker CIRCUIT_OPEN floor 60s for NORMAL");
  }

  @Test
  void zoneBaseTtl_usedUnlessExplicit() {
    Decision zoned = engine.decide(Zone.GOLDEN, Status.NORMAL, BreakerMode.NORMAL,
        PanicState.NONE, Stakes.LOW);
    Decision explicit = engine.decide(Zone.GOLDEN, 90, Status.NORMAL, BreakerMode.NORMAL,
        PanicState.NONE, Stakes.LOW);

    assertThat(zoned.ttlSeconds()).isEqualTo(15);
    assertThat(zoned.baseTtlExplicit()).isFalse();
    assertThat(explicit.ttlSeconds()).isEqualTo(90);
    assertThat(explicit.zone()).isEqualTo(Zone.GOLDEN);
    assertThat(explicit.baseTtlExplicit()).isTrue();
    assertThat(explicit.reasons().get(0)).contains("explicit base TTL 90s").contains("GOLDEN");
  }

  @Test
  void stakesChangeTheQuota() {
    PanicState ninetyMinutes = PanicState.lasting(Duration.ofMinutes(90));

    assertThat(engine.decide(Zone.STANDARD, 60, Status.PANIC, BreakerMode.NORMAL, ninetyMinutes,
        Stakes.HIGH).ttlSeconds()).isEqualTo(5);
    assertThat(engine.decide(Zone.STANDARD, 60, Status.PANIC, BreakerMode.NORMAL, ninetyMinutes,
        Stakes.MEDIUM).ttlSeconds()).isEqualTo(30);
    assertThat(engine.decide(Zone.STANDARD, 60, Status.PANIC, BreakerMode.NORMAL, ninetyMinutes,
        Stakes.LOW).ttlSeconds()).isEqualTo(45);
  }

  @Test
  void tierThreeCarriesAlertInReasons() {
    Decision d = engine.decide(Zone.STANDARD, 60, Status.PANIC, BreakerMode.HIGH_VOLATILITY,
        PanicState.lasting(Duration.ofMinutes(120)), Stakes.MEDIUM);

    assertThat(d.tier()).isEqualTo(3);
    assertThat(d.alert()).isNotBlank();
    assertThat(d.reasons()).anySatisfy(r -> assertThat(r).startsWith("alert: "));
    assertThat(d.reasons()).last().isEqualTo(
        "effective TTL 30s = max(freshness 0s, floor 5s, quota 30s)");
  }

  @Test
  void decisionsAreValues() {
    Decision a = engine.decide(Zone.ACTIVE, Status.WARNING, BreakerMode.HIGH_VOLATILITY,
        PanicState.NONE, Stakes.HIGH);
    Decision b = engine.decide(Zone.ACTIVE, Status.WARNING, BreakerMode.HIGH_VOLATILITY,
        PanicState.NONE, Stakes.HIGH);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.ttlSeconds()).isEqualTo(10);
    assertThat(a.reasons()).isUnmodifiable();
  }

  @Test
  void negativeBaseTtl_isRejected() {
    assertThatThrownBy(() -> engine.decide(Zone.STANDARD, -1, Status.NORMAL, BreakerMode.NORMAL,
        PanicState.NONE, Stakes.LOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseTtlSeconds").hasMessageContaining("-1");
  }
}
