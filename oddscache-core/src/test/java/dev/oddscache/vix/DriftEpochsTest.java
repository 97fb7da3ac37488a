package dev.oddscache.vix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Drift epochs on hand-made tick sequences. */
class DriftEpochsTest {
  private static final long T0 = 1_700_000_000_000L;

  private final VixDetector vix = VixDetector.ofDefaults();

  private TickResult tick(String selection, double odds, long atMillis) {
    return vix.accept(new OddsTick("m", "1x2", selection, odds, atMillis));
  }

  private long epoch(long atMillis) {
    return vix.epoch("m", "1x2", atMillis);
  }

  @Test
  void aMarketWithoutTicksIsUntracked() {
    assertThat(vix.epoch("m", "1x2", T0)).isEqualTo(DriftStamp.UNTRACKED);
    assertThat(vix.stamp("m", Set.of("1x2"), T0)).isSameAs(DriftStamp.NONE);
    assertThat(vix.stamp(null, Set.of("1x2"), T0)).isSameAs(DriftStamp.NONE);
  }

  @Test
  void theFirstTickStartsEpochZero() {
    tick("home", 2.0, T0);

    assertThat(epoch(T0)).isZero();
  }

  @Test
  void aMoveOfExactlyTheThresholdAdvancesTheEpochAndOneJustBelowDoesNot() {
    tick("home", 2.0, T0);
    tick("home", 2.0 * Math.exp(0.0199), T0 + 1);
    assertThat(epoch(T0 + 1)).isZero();

    tick("home", 2.0 * Math.exp(0.02), T0 + 2);
    assertThat(epoch(T0 + 2)).isEqualTo(1);
  }

  @Test
  void smallMovesAddUpAgainstTheReferenceNotTheLastTick() {
    tick("home", 2.0, T0);
    for (int i = 1; i <= 3; i++) {
      tick("home", 2.0 * Math.exp(0.007 * i), T0 + i);
    }
    assertThat(epoch(T0 + 3)).as("0.021 from the reference in three steps").isEqualTo(1);

    // The new reference is the price at the advance: a step back of 0.007 is not a move.
    tick("home", 2.0 * Math.exp(0.014), T0 + 4);
    assertThat(epoch(T0 + 4)).isEqualTo(1);
  }

  @Test
  void anAdvanceResetsTheReferenceOfEverySelection() {
    tick("home", 2.0, T0);
    tick("away", 4.0, T0);
    tick("away", 4.0 * Math.exp(0.015), T0 + 1);
    tick("home", 2.0 * Math.exp(0.03), T0 + 2);
    assertThat(epoch(T0 + 2)).isEqualTo(1);

    // away's reference is now 4·e^0.015: another 0.015 is 0.015 from it, not 0.03 from 4.0.
    tick("away", 4.0 * Math.exp(0.03), T0 + 3);
    assertThat(epoch(T0 + 3)).isEqualTo(1);
    tick("away", 4.0 * Math.exp(0.036), T0 + 4);
    assertThat(epoch(T0 + 4)).isEqualTo(2);
  }

  @Test
  void aJumpAdvancesTheEpochEvenWithAThresholdAboveIt() {
    VixDetector wide = new VixDetector(VixConfig.custom()
        .drift(DriftConfig.custom().threshold(0.5).build()).build());
    wide.accept(new OddsTick("m", "1x2", "home", 2.0, T0));
    wide.accept(new OddsTick("m", "1x2", "home", 2.0 * Math.exp(0.12), T0 + 1));

    assertThat(wide.epoch("m", "1x2", T0 + 1)).isEqualTo(1);
  }

  @Test
  void aSuspensionAndAReopenEachAdvanceTheEpoch() {
    tick("home", 2.0, T0);

    assertThat(vix.marketStatusChanged("m", "1X2", T0 + 10)).isTrue();
    assertThat(epoch(T0 + 10)).isEqualTo(1);
    assertThat(vix.marketStatusChanged("m", "1x2", T0 + 20)).isTrue();
    assertThat(epoch(T0 + 20)).isEqualTo(2);
    assertThat(vix.marketStatusChanged("m", "btts", T0 + 20)).isFalse();
    assertThat(vix.marketStatusChanged("other", "1x2", T0 + 20)).isFalse();
  }

  @Test
  void anInvalidatingEventAdvancesTheMarketsItHits() {
    tick("home", 2.0, T0);
    vix.accept(new OddsTick("m", "btts", "yes", 1.8, T0));

    assertThat(vix.advanceEpochs("m", "btts"::equals)).isEqualTo(1);

    assertThat(epoch(T0)).isZero();
    assertThat(vix.epoch("m", "btts", T0)).isEqualTo(1);
    assertThat(vix.advanceEpochs("unknown", m -> true)).isZero();
  }

  @Test
  void aMarketIsUntrackedOnceItsLastTickIsAsOldAsTheTrackingTimeout() {
    tick("home", 2.0, T0);
    long timeout = DriftConfig.DEFAULT_TRACKING_TIMEOUT.toMillis();

    assertThat(epoch(T0 + timeout - 1)).isZero();
    assertThat(epoch(T0 + timeout)).isEqualTo(DriftStamp.UNTRACKED);
    assertThat(epoch(T0 - 5_000)).as("a tick after now still counts").isZero();
  }

  @Test
  void outOfOrderTicksChangeNoEpoch() {
    tick("home", 2.0, T0 + 100);
    TickResult late = tick("home", 3.0, T0);

    assertThat(late.outcome()).isEqualTo(TickResult.Outcome.OUT_OF_ORDER);
    assertThat(epoch(T0 + 100)).isZero();
  }

  @Test
  void aStampIsDriftedOnceAnyOfItsMarketsAdvancesOrFallsSilent() {
    tick("home", 2.0, T0);
    DriftStamp stamp = vix.stamp("m", List.of("1x2", "btts"), T0);
    assertThat(stamp.size()).isEqualTo(2);
    assertThat(stamp.epoch(1)).as("btts has no ticks").isEqualTo(DriftStamp.UNTRACKED);
    assertThat(vix.drifted(stamp, T0)).isFalse();

    vix.accept(new OddsTick("m", "btts", "yes", 1.8, T0 + 1));
    assertThat(vix.drifted(stamp, T0 + 1)).as("btts now has a feed").isTrue();

    DriftStamp both = vix.stamp("m", List.of("1x2", "btts"), T0 + 1);
    assertThat(vix.drifted(both, T0 + 1)).isFalse();
    tick("home", 2.1, T0 + 2);
    assertThat(vix.drifted(both, T0 + 2)).isTrue();

    DriftStamp fresh = vix.stamp("m", List.of("1x2"), T0 + 2);
    long timeout = DriftConfig.DEFAULT_TRACKING_TIMEOUT.toMillis();
    assertThat(vix.drifted(fresh, T0 + 2 + timeout)).as("its feed fell silent").isTrue();
    assertThat(vix.drifted(DriftStamp.NONE, T0)).isFalse();
  }

  @Test
  void aForgottenMatchDriftsEveryStampOfIt() {
    tick("home", 2.0, T0);
    DriftStamp stamp = vix.stamp("m", List.of("1x2"), T0);

    vix.forget("m");

    assertThat(vix.drifted(stamp, T0)).isTrue();
  }

  @Test
  void aFamilyThresholdOverridesTheDefault() {
    VixDetector families = new VixDetector(VixConfig.custom().drift(DriftConfig.custom()
        .familyThreshold("over_under", 0.08).build()).build());
    families.accept(new OddsTick("m", "over_under_25", "x", 8.0, T0));
    families.accept(new OddsTick("m", "over_under_25", "x", 8.0 * Math.exp(0.05), T0 + 1));
    assertThat(families.epoch("m", "over_under_25", T0 + 1)).isZero();
    families.accept(new OddsTick("m", "over_under_25", "x", 8.0 * Math.exp(0.09), T0 + 2));
    assertThat(families.epoch("m", "over_under_25", T0 + 2)).isEqualTo(1);
  }

  @Test
  void twoDetectorsFedTheSameTicksHaveTheSameEpochs() {
    VixDetector a = VixDetector.ofDefaults();
    VixDetector b = VixDetector.ofDefaults();
    SplittableRandom random = new SplittableRandom(7);
    List<OddsTick> ticks = new ArrayList<>();
    double[] prices = {2.0, 3.5, 4.2};
    for (int i = 0; i < 5_000; i++) {
      int s = random.nextInt(prices.length);
      prices[s] = Math.max(1.01, prices[s] * Math.exp(random.nextGaussian() * 0.01));
      ticks.add(new OddsTick("m", i % 2 == 0 ? "1x2" : "btts", "s" + s, prices[s], T0 + i));
    }
    for (OddsTick t : ticks) {
      a.accept(t);
      b.accept(t);
    }
    long end = T0 + ticks.size();

    assertThat(a.epoch("m", "1x2", end)).isGreaterThan(10).isEqualTo(b.epoch("m", "1x2", end));
    assertThat(a.epoch("m", "btts", end)).isEqualTo(b.epoch("m", "btts", end));
  }

  @Test
  void stampsRejectInconsistentInput() {
    assertThatThrownBy(() -> DriftStamp.of("m", List.of("1x2"), new long[0]))
        .hasMessageContaining("same size");
    assertThatThrownBy(() -> DriftStamp.of("m", List.of(" "), new long[] {0}))
        .hasMessageContaining("market 0 must not be blank");
    assertThatThrownBy(() -> DriftStamp.of("m", List.of("1x2"), new long[] {-2}))
        .hasMessageContaining("epoch of market 1x2 must be >= -1, got -2");
    assertThat(DriftStamp.of("m", List.of(), new long[0])).isSameAs(DriftStamp.NONE);
    assertThat(DriftStamp.of("m", List.of("1x2"), new long[] {3}))
        .isEqualTo(DriftStamp.of("m", List.of("1x2"), new long[] {3}))
        .hasToString("DriftStamp{m: 1x2=3}");
  }

  @Test
  void configRejectsBadValuesNamingTheField() {
    assertThatThrownBy(() -> DriftConfig.custom().threshold(0))
        .hasMessage("driftThreshold must be a finite number > 0, got 0.0");
    assertThatThrownBy(() -> DriftConfig.custom().familyThreshold("btts", Double.NaN))
        .hasMessage("driftThresholds.btts must be a finite number > 0, got NaN");
    assertThatThrownBy(() -> DriftConfig.custom().trackingTimeout(Duration.ZERO))
        .hasMessageContaining("driftTrackingTimeout must be positive");
  }
}
