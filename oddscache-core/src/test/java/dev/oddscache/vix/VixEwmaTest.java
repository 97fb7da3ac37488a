package dev.oddscache.vix;

import static dev.oddscache.vix.VixFixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.oddscache.Status;
import org.junit.jupiter.api.Test;

/** The EWMA volatility and z-score of log-odds returns, checked against hand computations. */
class VixEwmaTest {
  private static final double EPS = 1e-12;

  @Test
  void accept_firstTickOfSelection_isNormalWithZeroZ() {
    VixDetector vix = VixDetector.ofDefaults();

    TickResult result = vix.accept(tick("m", "1x2", "home", 2.0, 1_000));

    assertThat(result.outcome()).isEqualTo(TickResult.Outcome.ACCEPTED);
    assertThat(result.status()).isEqualTo(Status.NORMAL);
    assertThat(result.zScore()).isEqualTo(0.0);
  }

  /*
   * α = 0.5, σ_min = 0.01, no warm-up. Odds 2.00, 2.10, 2.00, 2.20, 2.20, 2.21:
   *   tick 2: r = ln(2.1/2) = 0.048790164169432; σ_prev = 0 → floor 0.01; z = 4.8790164169432
   *           σ² = 0.5·r² = 0.00119024005984007
   *   tick 3: r = −0.048790164169432; σ_prev = |r|/√2, so z = √2 = 1.4142135623731
   *           σ² = 0.5·0.00119024005984007 + 0.5·r² = 0.0017853600897601
   *   tick 4: r = ln(2.2/2) = 0.095310179804325; σ_prev = 0.0422535216255414; z = 2.25567422874196
   *           σ² = 0.00543469523204643
   *   tick 5: r = 0; z = 0; σ² halves to 0.00271734761602321 (σ = 0.0521281844688957)
   *   tick 6: r = ln(2.21/2.2) = 0.00453515516539116; σ_prev = 0.0521281844688957;
   *           z = 0.0870000597871817
   */
  @Test
  void accept_smallSequence_matchesHandComputedZ() {
    VixDetector vix =
        new VixDetector(VixConfig.custom().alpha(0.5).sigmaMin(0.01).warmupTicks(0).build());
    double[] odds = {2.00, 2.10, 2.00, 2.20, 2.20, 2.21};
    double[] expectedZ = {
      0.0, 4.8790164169432, 1.4142135623731, 2.25567422874196, 0.0, 0.0870000597871817
    };
    Status[] expectedStatus = {
      Status.NORMAL, Status.PANIC, Status.NORMAL, Status.PANIC, Status.NORMAL, Status.NORMAL
    };

    for (int i = 0; i < odds.length; i++) {
      TickResult result = vix.accept(tick("m", "1x2", "home", odds[i], 1_000L * i));
      assertThat(result.zScore()).as("z of tick %d", i + 1).isCloseTo(expectedZ[i], within(EPS));
      assertThat(result.status()).as("status of tick %d", i + 1).isEqualTo(expectedStatus[i]);
    }
  }

  @Test
  void accept_varianceStillBelowFloor_dividesBySigmaMin() {
    VixDetector vix = new VixDetector(VixConfig.custom().sigmaMin(0.02).warmupTicks(0).build());
    vix.accept(tick("m", "1x2", "home", 2.0, 0));

    // σ_prev = 0, so the floor 0.02 is the denominator: z = ln(2.1/2) / 0.02.
    TickResult result = vix.accept(tick("m", "1x2", "home", 2.1, 1));

    assertThat(result.zScore()).isCloseTo(0.048790164169432 / 0.02, within(EPS));
  }

  /*
   * Default α = 0.05. Nineteen alternating returns of ±δ give σ² = δ²·(1 − 0.95^19), the closed
   * form of the recursion; the twentieth return is then scored against that σ.
   */
  @Test
  void accept_alternatingMovesWithDefaultAlpha_matchesClosedFormSigma() {
    VixDetector vix = VixDetector.ofDefaults();
    double low = 2.0;
    double high = 2.0 * Math.exp(0.05);
    double delta = Math.log(high) - Math.log(low);
    for (int i = 0; i < 20; i++) {
      vix.accept(tick("m", "1x2", "home", i % 2 == 0 ? low : high, i));
    }
    double sigma = delta * Math.sqrt(1 - Math.pow(0.95, 19));
    assertThat(sigma).isCloseTo(0.0394539, within(1e-7));

    TickResult result = vix.accept(tick("m", "1x2", "home", low, 20));

    assertThat(result.zScore()).isCloseTo(delta / sigma, within(1e-9));
    assertThat(result.zScore()).isCloseTo(1.26730, within(1e-5));
    assertThat(result.status()).isEqualTo(Status.NORMAL);
  }

  @Test
  void accept_selectionsOfOneMarket_keepSeparateVolatility() {
    VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP);
    vix.accept(tick("m", "1x2", "home", 2.0, 0));
    vix.accept(tick("m", "1x2", "draw", 3.0, 0));
    vix.accept(tick("m", "1x2", "home", 2.1, 1));

    // draw's own history: its first return, scored against the floor, not home's σ.
    TickResult draw = vix.accept(tick("m", "1x2", "draw", 3.0 * Math.exp(0.01), 2));

    assertThat(draw.zScore()).isCloseTo(1.0, within(1e-9));
  }
}
