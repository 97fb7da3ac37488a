package dev.oddscache.vix;

import static dev.oddscache.vix.VixFixtures.calmAt;
import static dev.oddscache.vix.VixFixtures.moved;
import static dev.oddscache.vix.VixFixtures.panicAt;
import static dev.oddscache.vix.VixFixtures.tick;
import static dev.oddscache.vix.VixFixtures.warningAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.oddscache.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Market, match and request statuses: worst wins, empty or unknown is NORMAL. */
class VixAggregationTest {
  private static final long T0 = 1_700_000_000_000L;

  private final VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP);

  @BeforeEach
  void feed() {
    panicAt(vix, "m1", "1x2", "home", T0);
    warningAt(vix, "m1", "over_under_25", "over", T0 + 20_000);
    calmAt(vix, "m1", "btts", "yes", T0);
    calmAt(vix, "m2", "1x2", "home", T0);
  }

  @Test
  void marketStatus_eachMarketHasItsOwnStatus() {
    assertThat(vix.marketStatus("m1", "1x2", T0 + 20_000)).isEqualTo(Status.PANIC);
    assertThat(vix.marketStatus("m1", "over_under_25", T0 + 20_000)).isEqualTo(Status.WARNING);
    assertThat(vix.marketStatus("m1", "btts", T0 + 20_000)).isEqualTo(Status.NORMAL);
    assertThat(vix.marketStatus("m2", "1x2", T0 + 20_000)).isEqualTo(Status.NORMAL);
  }

  @Test
  void matchStatus_isWorstOfItsMarkets() {
    assertThat(vix.matchStatus("m1", T0 + 20_000)).isEqualTo(Status.PANIC);
    // The 1x2 panic has decayed; the later over/under warning still holds.
    assertThat(vix.matchStatus("m1", T0 + 60_000)).isEqualTo(Status.WARNING);
    assertThat(vix.matchStatus("m1", T0 + 80_000)).isEqualTo(Status.NORMAL);
    assertThat(vix.matchStatus("m2", T0 + 20_000)).isEqualTo(Status.NORMAL);
  }

  @Test
  void status_isWorstOfTheListedMarketsOnly() {
    long now = T0 + 20_000;
    assertThat(vix.status("m1", List.of("btts"), now)).isEqualTo(Status.NORMAL);
    assertThat(vix.status("m1", List.of("btts", "over_under_25"), now)).isEqualTo(Status.WARNING);
    assertThat(vix.status("m1", List.of("btts", "OVER_UNDER_25", " 1X2 "), now))
        .isEqualTo(Status.PANIC);
  }

  @Test
  void status_emptyOrUnknown_isNormal() {
    long now = T0 + 20_000;
    assertThat(vix.status("m1", List.of(), now)).isEqualTo(Status.NORMAL);
    assertThat(vix.status("m1", List.of("corners"), now)).isEqualTo(Status.NORMAL);
    assertThat(vix.status("unknown", List.of("1x2"), now)).isEqualTo(Status.NORMAL);
    assertThat(vix.marketStatus("m1", "corners", now)).isEqualTo(Status.NORMAL);
    assertThat(vix.marketStatus("unknown", "1x2", now)).isEqualTo(Status.NORMAL);
    assertThat(vix.matchStatus("unknown", now)).isEqualTo(Status.NORMAL);
    assertThat(vix.marketStatuses("unknown", now)).isEmpty();
  }

  @Test
  void marketStatuses_listsEveryKnownMarketInOrder() {
    Map<String, Status> statuses = vix.marketStatuses("m1", T0 + 20_000);

    assertThat(statuses)
        .containsExactly(
            entry("1x2", Status.PANIC),
            entry("btts", Status.NORMAL),
            entry("over_under_25", Status.WARNING));
    assertThatThrownBy(() -> statuses.put("corners", Status.NORMAL))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void queries_blankMarketOrNullArguments_areRejected() {
    assertThatThrownBy(() -> vix.marketStatus("m1", " ", T0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("market must not be blank, got ' '");
    assertThatThrownBy(() -> vix.status("m1", null, T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("markets");
    assertThatThrownBy(() -> vix.matchStatus(null, T0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("matchId");
  }

  @Test
  void accept_marketIdsDifferingInCaseAndSpaces_shareOneMarket() {
    VixDetector detector = new VixDetector(VixFixtures.NO_WARMUP);
    detector.accept(tick("m", "Over_Under_25", "over", 2.0, T0));

    // Had " OVER_UNDER_25 " been a different market, this would be its first tick: NORMAL, z 0.
    TickResult second = detector.accept(tick("m", " OVER_UNDER_25 ", "over", moved(2.0, 0.05), T0));

    assertThat(second.status()).isEqualTo(Status.PANIC);
    assertThat(detector.marketStatus("m", "over_under_25", T0)).isEqualTo(Status.PANIC);
    assertThat(detector.marketStatuses("m", T0)).containsOnlyKeys("over_under_25");
  }

  @Test
  void accept_matchAndSelectionIds_areCaseSensitive() {
    VixDetector detector = new VixDetector(VixFixtures.NO_WARMUP);
    detector.accept(tick("m", "1x2", "home", 2.0, T0));

    TickResult otherSelection = detector.accept(tick("m", "1x2", "HOME", moved(2.0, 0.05), T0));

    assertThat(otherSelection.zScore()).isEqualTo(0.0);
    assertThat(detector.marketStatus("M", "1x2", T0)).isEqualTo(Status.NORMAL);
  }
}
