package dev.oddscache.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tier the default quota gives a request, for the policies that have no decisions. */
class ReferenceTiersTest {
  private static final long MINUTE = 60_000;

  private final ReferenceTiers tiers = new ReferenceTiers(List.of(
      new Scenario.MatchSpec("ami-cae", "Ligue 2", "Amiens - Caen", null, List.of("1x2")),
      new Scenario.MatchSpec("rma-fcb", "La Liga", "El Clasico", null, List.of("1x2"))));

  @Test
  void panicStartsAtTheFirstPanicRequest_tiersByStakes_exactBounds() {
    long t0 = 1_000_000;

    assertThat(tiers.observe(0, Status.NORMAL, t0)).isZero();
    assertThat(tiers.observe(0, Status.PANIC, t0 + 5)).isEqualTo(1);
    assertThat(tiers.observe(1, Status.PANIC, t0 + 5)).isEqualTo(1);
    // LOW stakes: tier 1 below 15 minutes, tier 2 from exactly 15.
    assertThat(tiers.observe(0, Status.PANIC, t0 + 5 + 15 * MINUTE - 1)).isEqualTo(1);
    assertThat(tiers.observe(0, Status.PANIC, t0 + 5 + 15 * MINUTE)).isEqualTo(2);
    // HIGH stakes (El Clasico): still tier 1 until 60 minutes.
    assertThat(tiers.observe(1, Status.PANIC, t0 + 5 + 59 * MINUTE)).isEqualTo(1);
    assertThat(tiers.observe(1, Status.PANIC, t0 + 5 + 60 * MINUTE)).isEqualTo(2);
  }

  @Test
  void aCalmRequestEndsThePanic_theNextPanicStartsAgainAtTierOne() {
    assertThat(tiers.observe(0, Status.PANIC, 0)).isEqualTo(1);
    assertThat(tiers.observe(0, Status.PANIC, 20 * MINUTE)).isEqualTo(2);
    assertThat(tiers.observe(0, Status.WARNING, 20 * MINUTE + 1)).isZero();
    assertThat(tiers.observe(0, Status.PANIC, 20 * MINUTE + 2)).isEqualTo(1);
    // Another match's calm does not end this one's panic.
    assertThat(tiers.observe(1, Status.NORMAL, 21 * MINUTE)).isZero();
    assertThat(tiers.observe(0, Status.PANIC, 34 * MINUTE)).isEqualTo(1);
  }
}
