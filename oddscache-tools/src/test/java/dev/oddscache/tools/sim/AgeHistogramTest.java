package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgeHistogramTest {

  @Test
  void countAbove_countsAgesStrictlyAbove_fineAndCoarse() {
    AgeHistogram h = new AgeHistogram();
    assertThat(h.countAbove(0)).isZero();
    for (long age : new long[] {0, 50, 80, 80, 81, 9_999, 700_000}) {
      h.record(age);
    }

    assertThat(h.countAbove(80)).isEqualTo(3);
    assertThat(h.countAbove(79)).isEqualTo(5);
    assertThat(h.countAbove(-1)).isEqualTo(7);
    assertThat(h.countAbove(650_000)).isEqualTo(1);
    assertThat(h.countAbove(700_000)).isZero();
  }
}
