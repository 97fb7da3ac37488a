package dev.oddscache.vix;

import static dev.oddscache.vix.VixFixtures.moved;
import static dev.oddscache.vix.VixFixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddscache.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tick classification: warm-up, jump threshold and the σ thresholds. */
class VixClassificationTest {
  /** A power of two, so z = |r| / σ_min is an exact scaling and can equal a threshold exactly. */
  private static final double SIGMA_MIN = 0x1p-7;

  /**
   * Two prices whose log-return, as the detector computes it ({@code Math.log(to) −
   * Math.log(from)}), is exactly {@code r}, plus the largest price below {@code to} whose
   * log-return is strictly smaller. {@code r} must be a short binary fraction such as 3·2⁻⁸.
   */
  private record ExactMove(double from, double to, double justBelow) {}

  private static ExactMove exactMove(double r) {
    for (double from = 2.0; from < 2.5; from += 0.001) {
      double target = Math.log(from) + r;
      if (target - Math.log(from) != r) {
        continue;
      }
      double to = Math.exp(target);
      for (int step = 0; step < 8 && Math.log(to) > target; step++) {
        to = Math.nextDown(to);
      }
      for (int step = 0; step < 8 && Math.log(to) < target; step++) {
        to = Math.nextUp(to);
      }
      if (Math.log(to) == target) {
        double below = Math.nextDown(to);
        while (Math.log(below) >= target) {
          below = Math.nextDown(below);
        }
        return new ExactMove(from, to, below);
      }
    }
    throw new AssertionError("no pair of prices with a log-return of exactly " + r);
  }

  /**
   * A detector with σ_min = 2⁻⁷ whose selection has had its 20 warm-up ticks alternating by a log
   * move of 0.004, so σ ≤ 0.004 stays under σ_min; the last price is {@code from}.
   */
  private static VixDetector trainedBelowFloor(double from) {
    VixDetector vix = new VixDetector(VixConfig.custom().sigmaMin(SIGMA_MIN).build());
    for (int i = 0; i < 20; i++) {
      double odds = i % 2 == 1 ? from : moved(from, 0.004);
      assertThat(vix.accept(tick("m", "1x2", "s", odds, i)).status()).isEqualTo(Status.NORMAL);
    }
    return vix;
  }

  @ParameterizedTest(name = "z = {0} exactly is {1}, just below is {2}")
  @CsvSource({"2.0, PANIC, WARNING", "1.5, WARNING, NORMAL"})
  void accept_afterWarmup_thresholdIsInclusive(double threshold, Status at, Status below) {
    ExactMove move = exactMove(threshold * SIGMA_MIN);

    TickResult atResult =
        trainedBelowFloor(move.from()).accept(tick("m", "1x2", "s", move.to(), 20));
    TickResult belowResult =
        trainedBelowFloor(move.from()).accept(tick("m", "1x2", "s", move.justBelow(), 20));

    assertThat(atResult.zScore()).isEqualTo(threshold);
    assertThat(atResult.status()).isEqualTo(at);
    assertThat(belowResult.zScore()).isLessThan(threshold).isCloseTo(threshold, within(1e-12));
    assertThat(belowResult.status()).isEqualTo(below);
  }

  /** σ trained above the floor by alternating ±0.05 moves (see VixEwmaTest for its value). */
  @ParameterizedTest(name = "z {0} -> {1}")
  @CsvSource({
    "1.00, NORMAL", "1.49, NORMAL", "1.51, WARNING", "1.99, WARNING", "2.01, PANIC", "4.00, PANIC"
  })
  void accept_afterTrainedWarmup_classifiesByZ(double targetZ, Status expected) {
    VixDetector vix = VixDetector.ofDefaults();
    double low = 2.0;
    double high = 2.0 * Math.exp(0.05);
    for (int i = 0; i < 20; i++) {
      vix.accept(tick("m", "1x2", "s", i % 2 == 0 ? low : high, i));
    }
    double delta = Math.log(high) - Math.log(low);
    double sigma = delta * Math.sqrt(1 - Math.pow(0.95, 19));

    // The last price was high; move down so the direction differs from the training's last move.
    TickResult result = vix.accept(tick("m", "1x2", "s", moved(high, -targetZ * sigma), 20));

    assertThat(result.zScore()).isCloseTo(targetZ, within(1e-9));
    assertThat(result.status()).isEqualTo(expected);
  }

  @Test
  void accept_duringWarmup_bigMoveUnderJumpIsNormal() {
    VixDetector vix = VixDetector.ofDefaults();
    vix.accept(tick("m", "1x2", "s", 2.0, 0));

    TickResult result = vix.accept(tick("m", "1x2", "s", moved(2.0, 0.09), 1));

    assertThat(result.zScore()).isCloseTo(9.0, within(1e-9));
    assertThat(result.status()).isEqualTo(Status.NORMAL);
  }

  @ParameterizedTest(name = "log move {0}")
  @CsvSource({"0.1133", "-0.1133", "0.5"})
  void accept_duringWarmup_moveOfTenPercentOrMoreIsPanic(double logReturn) {
    VixDetector vix = VixDetector.ofDefaults();
    vix.accept(tick("m", "1x2", "s", 2.0, 0));

    TickResult result = vix.accept(tick("m", "1x2", "s", moved(2.0, logReturn), 1));

    assertThat(result.status()).isEqualTo(Status.PANIC);
  }

  @Test
  void accept_duringWarmup_jumpThresholdIsInclusive() {
    double jump = 0x1p-4;
    VixConfig config = VixConfig.custom().jumpThreshold(jump).build();
    ExactMove move = exactMove(jump);
    VixDetector at = new VixDetector(config);
    VixDetector below = new VixDetector(config);
    at.accept(tick("m", "1x2", "s", move.from(), 0));
    below.accept(tick("m", "1x2", "s", move.from(), 0));

    TickResult atResult = at.accept(tick("m", "1x2", "s", move.to(), 1));
    TickResult belowResult = below.accept(tick("m", "1x2", "s", move.justBelow(), 1));

    assertThat(atResult.zScore()).isEqualTo(jump / VixConfig.DEFAULT_SIGMA_MIN);
    assertThat(atResult.status()).isEqualTo(Status.PANIC);
    assertThat(belowResult.status()).isEqualTo(Status.NORMAL);
  }

  @Test
  void accept_twentiethTickIsStillWarmupAndTwentyFirstIsNot() {
    VixDetector vix = VixDetector.ofDefaults();
    for (int i = 1; i <= 19; i++) {
      vix.accept(tick("m", "1x2", "s", 2.0, i));
    }

    // Tick 20: z = 0.05 / σ_min = 5, but warm-up only panics on |r| >= 0.10.
    TickResult twentieth = vix.accept(tick("m", "1x2", "s", moved(2.0, 0.05), 20));
    // Tick 21: σ² = 0.05 · 0.05² so σ = 0.01118; z = 0.05 / 0.01118 = 4.47.
    TickResult twentyFirst =
        vix.accept(tick("m", "1x2", "s", moved(2.0, 0.10 - 1e-9), 21));

    assertThat(twentieth.zScore()).isCloseTo(5.0, within(1e-9));
    assertThat(twentieth.status()).isEqualTo(Status.NORMAL);
    assertThat(twentyFirst.zScore()).isCloseTo(0.05 / Math.sqrt(0.05 * 0.05 * 0.05), within(1e-6));
    assertThat(twentyFirst.status()).isEqualTo(Status.PANIC);
  }

  @Test
  void accept_afterWarmup_jumpThresholdNoLongerApplies() {
    // σ trained high enough that a 10% move is under 1.5σ: after warm-up only z counts.
    VixDetector vix = new VixDetector(VixConfig.custom().alpha(1.0).warmupTicks(2).build());
    vix.accept(tick("m", "1x2", "s", 2.0, 0));
    vix.accept(tick("m", "1x2", "s", moved(2.0, 0.09), 1));

    TickResult result = vix.accept(tick("m", "1x2", "s", moved(moved(2.0, 0.09), -0.11), 2));

    assertThat(result.zScore()).isCloseTo(0.11 / 0.09, within(1e-9));
    assertThat(result.status()).isEqualTo(Status.NORMAL);
  }

  @Test
  void accept_withoutWarmup_secondTickIsClassifiedByZ() {
    VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP);
    vix.accept(tick("m", "1x2", "s", 2.0, 0));

    TickResult result = vix.accept(tick("m", "1x2", "s", moved(2.0, 0.0175), 1));

    assertThat(result.zScore()).isCloseTo(1.75, within(1e-9));
    assertThat(result.status()).isEqualTo(Status.WARNING);
  }
}
