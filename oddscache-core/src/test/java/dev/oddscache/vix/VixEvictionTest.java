package dev.oddscache.vix;

import static dev.oddscache.vix.VixFixtures.panicAt;
import static dev.oddscache.vix.VixFixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;
import org.junit.jupiter.api.Test;

/** Bounded memory: {@code evictIdle} and {@code forget} drop whole matches. */
class VixEvictionTest {
  private static final long T0 = 1_700_000_000_000L;

  private final VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP);

  @Test
  void evictIdle_dropsOnlyMatchesWithoutATickSinceTheCutoff() {
    vix.accept(tick("old", "1x2", "home", 2.0, T0));
    vix.accept(tick("boundary", "1x2", "home", 2.0, T0 + 5_000));
    vix.accept(tick("live", "1x2", "home", 2.0, T0));
    vix.accept(tick("live", "btts", "yes", 1.9, T0 + 9_000));

    int evicted = vix.evictIdle(T0 + 5_000);

    assertThat(evicted).isEqualTo(1);
    assertThat(vix.matchCount()).isEqualTo(2);
    assertThat(vix.marketStatuses("old", T0)).isEmpty();
    assertThat(vix.marketStatuses("boundary", T0)).containsOnlyKeys("1x2");
    assertThat(vix.marketStatuses("live", T0)).containsOnlyKeys("1x2", "btts");
    assertThat(vix.evictIdle(T0 + 5_000)).isZero();
  }

  @Test
  void evictIdle_evictedMatchStartsAfresh() {
    panicAt(vix, "m", "1x2", "home", T0);
    vix.evictIdle(T0 + 1);

    TickResult next = vix.accept(tick("m", "1x2", "home", 5.0, T0 + 2));

    assertThat(next).isSameAs(TickResult.FIRST_TICK);
    assertThat(vix.marketStatus("m", "1x2", T0 + 2)).isEqualTo(Status.NORMAL);
  }

  @Test
  void evictIdle_outOfOrderAndRejectedTicksDoNotKeepAMatchAlive() {
    vix.accept(tick("m", "1x2", "home", 2.0, T0 + 1_000));
    vix.accept(tick("m", "1x2", "home", 2.0, T0));
    vix.accept(tick("m", "1x2", "home", Double.NaN, T0 + 50_000));

    assertThat(vix.evictIdle(T0 + 1_001)).isEqualTo(1);
  }

  @Test
  void forget_dropsTheMatchAndReportsWhetherItWasKnown() {
    panicAt(vix, "m", "1x2", "home", T0);
    panicAt(vix, "other", "1x2", "home", T0);

    assertThat(vix.forget("m")).isTrue();
    assertThat(vix.forget("m")).isFalse();
    assertThat(vix.matchStatus("m", T0)).isEqualTo(Status.NORMAL);
    assertThat(vix.matchStatus("other", T0)).isEqualTo(Status.PANIC);
    assertThat(vix.matchCount()).isEqualTo(1);
  }

  @Test
  void counters_surviveEvictionBecauseTheyCountTicksNotState() {
    vix.accept(tick("m", "1x2", "home", 2.0, T0));
    vix.forget("m");

    assertThat(vix.acceptedTicks()).isEqualTo(1);
  }
}
