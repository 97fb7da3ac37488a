package dev.oddscache.vix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;

/** Tick builders shared by the VIX tests. */
final class VixFixtures {
  /** Defaults without warm-up, so the second tick of a selection is already classified by z. */
  static final VixConfig NO_WARMUP = VixConfig.custom().warmupTicks(0).build();

  private VixFixtures() {}

  static OddsTick tick(String match, String market, String selection, double odds, long ts) {
    return new OddsTick(match, market, selection, odds, ts);
  }

  /** The odds whose log-return from {@code odds} is {@code logReturn}, up to rounding. */
  static double moved(double odds, double logReturn) {
    return odds * Math.exp(logReturn);
  }

  /**
   * Gives a new selection a first tick just before {@code ts} and then a move of {@code
   * logReturn} at {@code ts}, on a detector without warm-up; σ is 0 so z = |r| / σ_min = 100·|r|.
   */
  static TickResult move(
      VixDetector vix, String match, String market, String selection, double logReturn, long ts) {
    assertThat(vix.accept(tick(match, market, selection, 2.0, ts - 1)).status())
        .isEqualTo(Status.NORMAL);
    return vix.accept(tick(match, market, selection, moved(2.0, logReturn), ts));
  }

  /** A PANIC tick (z = 5) at {@code ts} on a new selection. */
  static void panicAt(VixDetector vix, String match, String market, String selection, long ts) {
    assertThat(move(vix, match, market, selection, 0.05, ts).status()).isEqualTo(Status.PANIC);
  }

  /** A WARNING tick (z = 1.75) at {@code ts} on a new selection. */
  static void warningAt(VixDetector vix, String match, String market, String selection, long ts) {
    assertThat(move(vix, match, market, selection, 0.0175, ts).status())
        .isEqualTo(Status.WARNING);
  }

  /** A NORMAL tick (z = 0.1) at {@code ts} on a new selection. */
  static void calmAt(VixDetector vix, String match, String market, String selection, long ts) {
    assertThat(move(vix, match, market, selection, 0.001, ts).status()).isEqualTo(Status.NORMAL);
  }
}
