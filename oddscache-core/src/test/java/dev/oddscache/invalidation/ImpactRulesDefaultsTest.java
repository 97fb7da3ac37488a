package dev.oddscache.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Markets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The default impact table, row by row, restated here rather than read from code. */
class ImpactRulesDefaultsTest {
  private static final Set<String> GOAL_FAMILIES = Set.of("1x2", "match_odds", "over_under", "btts",
      "correct_score", "asian_handicap", "next_goal", "draw_no_bet", "double_chance", "goalscorer",
      "half_time");
  /** One market per family of the table, some with a line suffix, plus markets no row names. */
  static final List<String> MARKETS = List.of("1x2", "match_odds", "over_under_25", "over_under_35",
      "btts", "correct_score", "asian_handicap", "asian_handicap_15", "next_goal", "draw_no_bet",
      "double_chance", "goalscorer", "half_time", "cards", "player_cards", "corners",
      "total_corners_95", "exotic");
  private static final Set<String> EVERY = Set.copyOf(MARKETS);

  private final ImpactRules rules = ImpactRules.ofDefaults();

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(EventType.GOAL, GOAL_FAMILIES),
        Arguments.of(EventType.PENALTY, GOAL_FAMILIES),
        Arguments.of(EventType.RED_CARD, EVERY),
        Arguments.of(EventType.LINEUP, EVERY),
        Arguments.of(EventType.KICKOFF, EVERY),
        Arguments.of(EventType.HALF_TIME, EVERY),
        Arguments.of(EventType.FULL_TIME, EVERY),
        Arguments.of(EventType.INJURY,
            Set.of("1x2", "match_odds", "asian_handicap", "over_under", "goalscorer")),
        Arguments.of(EventType.YELLOW_CARD, Set.of("cards", "player_cards")),
        Arguments.of(EventType.CORNER, Set.of("corners")),
        Arguments.of(EventType.SUBSTITUTION, Set.of("goalscorer", "player_cards")));
  }

  /** The markets of {@link #MARKETS} in the given families (or all of them). */
  static Set<String> marketsOf(Set<String> families) {
    return families == EVERY ? EVERY : MARKETS.stream()
        .filter(m -> families.contains(Markets.family(m)))
        .collect(Collectors.toSet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void defaults_affectExactlyTheFamiliesOfTheTable(EventType event, Set<String> families) {
    Set<String> affected = MARKETS.stream()
        .filter(m -> rules.affects(event, m, null))
        .collect(Collectors.toSet());

    assertThat(affected).isEqualTo(marketsOf(families));
  }

  @Test
  void table_coversEveryEventButOddsShock() {
    assertThat(table().map(a -> a.get()[0])).hasSize(EventType.values().length - 1)
        .doesNotContain(EventType.ODDS_SHOCK);
  }

  @Test
  void oddsShock_affectsOnlyItsMarket_normalised() {
    assertThat(MARKETS.stream().filter(m -> rules.affects(EventType.ODDS_SHOCK, m, " BTTS ")))
        .containsExactly("btts");
    assertThat(rules.affects(EventType.ODDS_SHOCK, "over_under_25", "over_under_35")).isFalse();
  }

  @Test
  void oddsShock_withoutMarket_isRejectedNamingMarket() {
    assertThatThrownBy(() -> rules.affects(EventType.ODDS_SHOCK, "btts", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("market is required for ODDS_SHOCK, got null");
  }

  @Test
  void affects_marketIdsAreNormalised() {
    assertThat(rules.affects(EventType.GOAL, " Over_Under_25 ", null)).isTrue();
    assertThat(rules.affectsAllMarkets(EventType.RED_CARD)).isTrue();
    assertThat(rules.families(EventType.CORNER)).containsExactly("corners");
  }
}
