package dev.oddscache.vix;

import static dev.oddscache.vix.VixFixtures.panicAt;
import static dev.oddscache.vix.VixFixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.ManualTicker;
import dev.oddscache.Status;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Made-up match ids cannot grow the detector without bound, and ticks dated in the future cannot
 * pin a market: both are rules about input the detector does not control.
 */
class VixBoundsTest {
  private final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));

  private VixDetector detector(int maxMatches) {
    return new VixDetector(VixConfig.from(VixFixtures.NO_WARMUP).maxMatches(maxMatches).build(),
        ticker);
  }

  private boolean holds(VixDetector vix, String match) {
    return !vix.marketStatuses(match, ticker.epochMillis()).isEmpty();
  }

  @Test
  void twoHundredThousandMatchIds_stayWithinTheCap_aPanickingMatchAskedForIsKept() {
    VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP, ticker);
    long now = ticker.epochMillis();
    panicAt(vix, "real", "1x2", "home", now);
    for (int i = 0; i < 200_000; i++) {
      vix.accept(tick("made-up-" + i, "1x2", "home", 2.0, now));
      if (i % 1_000 == 0) {
        assertThat(vix.marketStatus("real", "1x2", now)).isEqualTo(Status.PANIC);
      }
    }

    assertThat(vix.matchCount()).isLessThanOrEqualTo(VixConfig.DEFAULT_MAX_MATCHES);
    assertThat(vix.matchEvictions()).isEqualTo(200_001L - vix.matchCount());
    assertThat(vix.matchStatus("real", now)).isEqualTo(Status.PANIC);
    assertThat(vix.acceptedTicks()).isEqualTo(200_002);
  }

  @Test
  void full_dropsCalmLeastRecentlyAskedFirst_thenPanickingLeastRecentlyAsked() {
    VixDetector vix = detector(10);
    long now = ticker.epochMillis();
    for (int i = 0; i < 10; i++) {
      vix.accept(tick("calm-" + i, "1x2", "home", 2.0, now - 100 + i));
    }
    // Asked for after the others were ticked: the most recent calm match.
    vix.matchStatus("calm-0", now);

    vix.accept(tick("calm-10", "1x2", "home", 2.0, now));

    assertThat(vix.matchCount()).isEqualTo(9);
    assertThat(vix.matchEvictions()).isEqualTo(2);
    assertThat(holds(vix, "calm-0")).isTrue();
    assertThat(holds(vix, "calm-1")).isFalse();
    assertThat(holds(vix, "calm-2")).isFalse();

    VixDetector panicking = detector(10);
    for (int i = 0; i < 10; i++) {
      panicAt(panicking, "panic-" + i, "1x2", "home", now - 100 + i);
    }
    panicking.matchStatus("panic-0", now);
    panicking.accept(tick("calm", "1x2", "home", 2.0, now));

    // The calm newcomer goes first, then the least recently asked panicking match.
    assertThat(holds(panicking, "calm")).isFalse();
    assertThat(holds(panicking, "panic-1")).isFalse();
    assertThat(holds(panicking, "panic-0")).isTrue();
    assertThat(panicking.matchCount()).isEqualTo(9);
  }

  @Test
  void tickBeyondTheSkew_isRejectedWithFieldAndValue_andChangesNothing() {
    VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP, ticker);
    long now = ticker.epochMillis();
    long tooFar = now + Duration.ofMinutes(5).toMillis() + 1;

    TickResult result = vix.accept(tick("m", "1x2", "home", 2.0, tooFar));

    assertThat(result.outcome()).isEqualTo(TickResult.Outcome.REJECTED);
    assertThat(result.field()).isEqualTo("timestampMillis");
    assertThat(result.reason()).isEqualTo("timestampMillis must be at most maxFutureSkew PT5M"
        + " ahead of the clock, got " + tooFar + " (2026-03-01T18:05:00.001Z, PT5M0.001S ahead of"
        + " 2026-03-01T18:00:00Z)");
    assertThat(vix.rejectedTicks()).isEqualTo(1);
    assertThat(vix.matchCount()).isZero();

    assertThat(vix.accept(tick("m", "1x2", "home", 2.0, tooFar - 1)).isAccepted())
        .as("exactly the skew ahead is accepted").isTrue();
    ticker.advance(Duration.ofMillis(1));
    assertThat(vix.accept(tick("m", "1x2", "home", 2.0, tooFar)).isAccepted())
        .as("the limit follows the ticker").isTrue();
  }

  @Test
  void futureTick_cannotMakeRealTicksOutOfOrder() {
    VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP, ticker);
    long now = ticker.epochMillis();
    vix.accept(tick("m", "1x2", "home", 2.0, now + Duration.ofHours(2).toMillis()));

    assertThat(vix.accept(tick("m", "1x2", "home", 2.0, now)).outcome())
        .isEqualTo(TickResult.Outcome.ACCEPTED);
  }

  @Test
  void zeroSkew_rejectsAnyTickAfterTheClock() {
    VixDetector vix = new VixDetector(
        VixConfig.from(VixFixtures.NO_WARMUP).maxFutureSkew(Duration.ZERO).build(), ticker);
    long now = ticker.epochMillis();

    assertThat(vix.accept(tick("m", "1x2", "home", 2.0, now)).isAccepted()).isTrue();
    assertThat(vix.accept(tick("m", "1x2", "home", 2.0, now + 1)).reason())
        .startsWith("timestampMillis must be at most maxFutureSkew PT0S ahead");
  }
}
