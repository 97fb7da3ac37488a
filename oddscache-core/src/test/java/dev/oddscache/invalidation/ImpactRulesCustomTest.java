package dev.oddscache.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImpactRulesCustomTest {

  @Test
  void builder_startsEmpty_soEventsWithoutARuleAffectNothing() {
    ImpactRules rules = ImpactRules.builder().affects(EventType.GOAL, Set.of("1x2")).build();

    assertThat(rules.affects(EventType.GOAL, "1x2", null)).isTrue();
    assertThat(rules.affects(EventType.GOAL, "btts", null)).isFalse();
    assertThat(rules.affects(EventType.RED_CARD, "1x2", null)).isFalse();
    assertThat(rules.affects(EventType.ODDS_SHOCK, "1x2", "1x2")).isTrue();
  }

  @Test
  void from_keepsTheOtherRulesAndReplacesTheChangedOne() {
    ImpactRules rules = ImpactRules.from(ImpactRules.ofDefaults())
        .affects(EventType.CORNER, Set.of("corners", "1x2"))
        .affectsAllMarkets(EventType.INJURY)
        .affects(EventType.RED_CARD, Set.of("cards"))
        .build();

    assertThat(rules.affects(EventType.CORNER, "1x2", null)).isTrue();
    assertThat(rules.affects(EventType.INJURY, "corners", null)).isTrue();
    assertThat(rules.affects(EventType.RED_CARD, "1x2", null)).isFalse();
    assertThat(rules.affectsAllMarkets(EventType.RED_CARD)).isFalse();
    assertThat(rules.affects(EventType.GOAL, "btts", null)).isTrue();
    assertThat(ImpactRules.ofDefaults().affects(EventType.CORNER, "1x2", null)).isFalse();
  }

  @Test
  void from_unchanged_equalsTheBase() {
    assertThat(ImpactRules.from(ImpactRules.ofDefaults()).build()).isEqualTo(ImpactRules.ofDefaults())
        .hasSameHashCodeAs(ImpactRules.ofDefaults());
  }

  @Test
  void affects_emptySet_affectsNothing() {
    ImpactRules rules = ImpactRules.from(ImpactRules.ofDefaults()).affects(EventType.GOAL, Set.of()).build();

    assertThat(rules.affects(EventType.GOAL, "1x2", null)).isFalse();
  }

  @Test
  void affects_exactMarketId_matchesThatMarketOnly() {
    ImpactRules rules = ImpactRules.builder().affects(EventType.GOAL, Set.of("Over_Under_25")).build();

    assertThat(rules.affects(EventType.GOAL, "over_under_25", null)).isTrue();
    assertThat(rules.affects(EventType.GOAL, "over_under_35", null)).isFalse();
  }

  @Test
  void builtRules_doNotChangeWhenTheInputSetDoes() {
    Set<String> families = new HashSet<>(Set.of("1x2"));
    ImpactRules rules = ImpactRules.builder().affects(EventType.GOAL, families).build();

    families.add("btts");

    assertThat(rules.affects(EventType.GOAL, "btts", null)).isFalse();
  }

  @Test
  void oddsShock_cannotBeConfigured() {
    assertThatThrownBy(() -> ImpactRules.builder().affects(EventType.ODDS_SHOCK, Set.of("1x2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ODDS_SHOCK");
    assertThatThrownBy(() -> ImpactRules.builder().affectsAllMarkets(EventType.ODDS_SHOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ODDS_SHOCK");
  }

  @Test
  void blankFamily_isRejectedNamingEventAndValue() {
    assertThatThrownBy(() -> ImpactRules.builder().affects(EventType.CORNER, Set.of(" ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("families of CORNER must not contain blank ids, got ' '");
  }
}
