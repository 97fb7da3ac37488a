package dev.oddscache.vix;

import static dev.oddscache.vix.VixFixtures.moved;
import static dev.oddscache.vix.VixFixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Status;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad and out-of-order ticks: a clear reason, a count, and no other change. "No other
 * change" is checked by comparing with a detector that never saw the bad tick.
 */
class VixRejectionTest {
  private static final long T0 = 1_700_000_000_000L;

  /** The same history on any detector: three ticks of m/1x2/home, the last a panic at T0+2. */
  private static VixDetector withHistory() {
    VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP);
    vix.accept(tick("m", "1x2", "home", 2.0, T0));
    vix.accept(tick("m", "1x2", "home", 2.02, T0 + 1));
    vix.accept(tick("m", "1x2", "home", 2.2, T0 + 2));
    return vix;
  }

  static Stream<Arguments> badTicks() {
    return Stream.of(
        Arguments.of(tick("m", "1x2", "home", Double.NaN, T0 + 3),
            "odds must be a finite number > 1.0, got NaN"),
        Arguments.of(tick("m", "1x2", "home", Double.POSITIVE_INFINITY, T0 + 3),
            "odds must be a finite number > 1.0, got Infinity"),
        Arguments.of(tick("m", "1x2", "home", Double.NEGATIVE_INFINITY, T0 + 3),
            "odds must be a finite number > 1.0, got -Infinity"),
        Arguments.of(tick("m", "1x2", "home", 1.0, T0 + 3),
            "odds must be a finite number > 1.0, got 1.0"),
        Arguments.of(tick("m", "1x2", "home", 0.5, T0 + 3),
            "odds must be a finite number > 1.0, got 0.5"),
        Arguments.of(tick("m", "1x2", "home", 0.0, T0 + 3),
            "odds must be a finite number > 1.0, got 0.0"),
        Arguments.of(tick("m", "1x2", "home", -2.5, T0 + 3),
            "odds must be a finite number > 1.0, got -2.5"),
        Arguments.of(tick(null, "1x2", "home", 2.0, T0 + 3), "matchId must not be blank, got null"),
        Arguments.of(tick("", "1x2", "home", 2.0, T0 + 3), "matchId must not be blank, got ''"),
        Arguments.of(tick(" \t", "1x2", "home", 2.0, T0 + 3),
            "matchId must not be blank, got ' \t'"),
        Arguments.of(tick("m", null, "home", 2.0, T0 + 3), "market must not be blank, got null"),
        Arguments.of(tick("m", "  ", "home", 2.0, T0 + 3), "market must not be blank, got '  '"),
        Arguments.of(tick("m", "1x2", null, 2.0, T0 + 3), "selection must not be blank, got null"),
        Arguments.of(tick("m", "1x2", "", 2.0, T0 + 3), "selection must not be blank, got ''"),
        // A bad tick for a match never seen must not create it (matchCount is compared).
        Arguments.of(tick("other", "1x2", "home", Double.NaN, T0 + 3),
            "odds must be a finite number > 1.0, got NaN"),
        // The first problem in field order is reported.
        Arguments.of(tick("", "1x2", "home", Double.NaN, T0 + 3),
            "matchId must not be blank, got ''"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badTicks")
  void accept_badTick_isRejectedCountedAndChangesNothing(OddsTick bad, String reason) {
    VixDetector vix = withHistory();
    VixDetector control = withHistory();

    TickResult result = vix.accept(bad);

    assertThat(result.outcome()).isEqualTo(TickResult.Outcome.REJECTED);
    assertThat(result.isAccepted()).isFalse();
    assertThat(result.reason()).isEqualTo(reason);
    assertThat(vix.rejectedTicks()).isEqualTo(1);
    assertThat(vix.acceptedTicks()).isEqualTo(3);
    assertThat(vix.outOfOrderTicks()).isZero();
    assertUnchanged(vix, control);
  }

  @Test
  void accept_olderTimestamp_isIgnoredCountedAndChangesNothing() {
    VixDetector vix = withHistory();
    VixDetector control = withHistory();

    // A 50% move that would be PANIC and would move σ, were it accepted.
    TickResult result = vix.accept(tick("m", "1x2", "home", 3.3, T0 + 1));

    assertThat(result.outcome()).isEqualTo(TickResult.Outcome.OUT_OF_ORDER);
    assertThat(result).isSameAs(TickResult.OUT_OF_ORDER);
    assertThat(result.reason())
        .isEqualTo("timestampMillis is older than the selection's last tick");
    assertThat(vix.outOfOrderTicks()).isEqualTo(1);
    assertThat(vix.acceptedTicks()).isEqualTo(3);
    assertThat(vix.rejectedTicks()).isZero();
    assertUnchanged(vix, control);
  }

  @Test
  void accept_olderTimestampOnAnotherSelection_isAccepted() {
    VixDetector vix = withHistory();

    TickResult result = vix.accept(tick("m", "1x2", "away", 3.0, T0 - 10_000));

    assertThat(result.isAccepted()).isTrue();
    assertThat(vix.outOfOrderTicks()).isZero();
  }

  @Test
  void accept_equalTimestamp_isAcceptedAndScored() {
    VixDetector vix = new VixDetector(VixFixtures.NO_WARMUP);
    vix.accept(tick("m", "1x2", "home", 2.0, T0));

    TickResult same = vix.accept(tick("m", "1x2", "home", moved(2.0, 0.05), T0));

    assertThat(same.isAccepted()).isTrue();
    assertThat(same.status()).isEqualTo(Status.PANIC);
    assertThat(vix.acceptedTicks()).isEqualTo(2);
    assertThat(vix.outOfOrderTicks()).isZero();
  }

  @Test
  void accept_nullTick_isAProgrammingError() {
    VixDetector vix = VixDetector.ofDefaults();

    assertThatThrownBy(() -> vix.accept(null)).isInstanceOf(NullPointerException.class);
    assertThat(vix.rejectedTicks()).isZero();
  }

  @Test
  void tickResult_accessorsThatDoNotApply_throw() {
    TickResult rejected = VixDetector.ofDefaults().accept(tick("m", "1x2", "home", 1.0, T0));
    TickResult accepted = VixDetector.ofDefaults().accept(tick("m", "1x2", "home", 2.0, T0));

    assertThatThrownBy(rejected::status)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("REJECTED")
        .hasMessageContaining("got 1.0");
    assertThatThrownBy(rejected::zScore).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(TickResult.OUT_OF_ORDER::status).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(accepted::reason).isInstanceOf(IllegalStateException.class);
    assertThat(accepted).isSameAs(TickResult.FIRST_TICK);
    assertThat(accepted).hasToString("TickResult{ACCEPTED NORMAL, z=0.0}");
    assertThat(rejected)
        .hasToString("TickResult{REJECTED: odds must be a finite number > 1.0, got 1.0}");
  }

  /**
   * Same statuses, counters and matches as {@code control}, and the same answer to the next tick,
   * which would differ if the selection's price or σ had moved.
   */
  private static void assertUnchanged(VixDetector vix, VixDetector control) {
    long now = T0 + 2;
    assertThat(vix.matchCount()).isEqualTo(control.matchCount());
    assertThat(vix.marketStatuses("m", now)).isEqualTo(control.marketStatuses("m", now));
    assertThat(vix.matchStatus("m", now)).isEqualTo(Status.PANIC);
    for (Status s : Status.values()) {
      assertThat(vix.classifiedTicks(s)).isEqualTo(control.classifiedTicks(s));
    }
    OddsTick next = tick("m", "1x2", "home", 2.21, T0 + 4);
    TickResult expected = control.accept(next);
    TickResult actual = vix.accept(next);
    assertThat(actual.zScore()).isEqualTo(expected.zScore());
    assertThat(actual.status()).isEqualTo(expected.status());
  }
}
