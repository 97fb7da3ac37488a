package dev.oddscache.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.ManualTicker;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import dev.oddscache.store.memory.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A match with 5 cached markets, and what each event deletes of them. */
class InvalidatorTest {
  private static final Duration LONG = Duration.ofHours(1);
  /** Keys per market of the match under test: 13 in all. */
  private static final Map<String, Integer> KEYS_PER_MARKET = Map.of(
      "1x2", 3, "over_under_25", 2, "btts", 2, "correct_score", 4, "asian_handicap", 2);
  private static final Set<String> ALL_FIVE = KEYS_PER_MARKET.keySet();

  private final ManualTicker ticker = new ManualTicker();
  private final InMemoryStore<String> store = new InMemoryStore<>(ticker);
  private final Invalidator invalidator = new Invalidator(ImpactRules.ofDefaults());

  @BeforeEach
  void fillTwoMatches() {
    for (String matchId : List.of("clasico", "derby")) {
      KEYS_PER_MARKET.forEach((market, n) -> {
        for (int i = 0; i < n; i++) {
          store.put(key(matchId, market, i), value(), Tags.of(matchId, Set.of(market)), LONG);
        }
      });
    }
  }

  @Test
  void goal_affectsAllFiveMarkets() {
    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.GOAL, null);

    assertThat(r.marketsAffected()).isEqualTo(ALL_FIVE);
    assertThat(r.marketsPreserved()).isEmpty();
    assertThat(r.cpuSavedPct()).isZero();
    assertThat(r.keysDeleted()).isEqualTo(13);
    assertThat(readableKeys("clasico")).isEmpty();
  }

  @Test
  void injury_preservesBttsAndCorrectScore() {
    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.INJURY, null);

    assertThat(r.marketsAffected()).containsExactly("1x2", "asian_handicap", "over_under_25");
    assertThat(r.marketsPreserved()).containsExactly("btts", "correct_score");
    assertThat(r.cpuSavedPct()).isEqualTo(40.0);
    assertThat(r.keysDeleted()).isEqualTo(3 + 2 + 2);
    assertThat(store.markets("clasico")).containsExactlyInAnyOrder("btts", "correct_score");
    assertThat(readableKeys("clasico")).hasSize(2 + 4);
  }

  @Test
  void yellowCard_affectsNone() {
    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.YELLOW_CARD, null);

    assertThat(r.marketsAffected()).isEmpty();
    assertThat(r.marketsPreserved()).isEqualTo(ALL_FIVE);
    assertThat(r.cpuSavedPct()).isEqualTo(100.0);
    assertThat(r.keysDeleted()).isZero();
    assertThat(readableKeys("clasico")).hasSize(13);
  }

  @Test
  void oddsShockOnBtts_affectsOnlyBtts() {
    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.ODDS_SHOCK, "BTTS");

    assertThat(r.marketsAffected()).containsExactly("btts");
    assertThat(r.marketsPreserved()).hasSize(4).doesNotContain("btts");
    assertThat(r.cpuSavedPct()).isEqualTo(80.0);
    assertThat(r.keysDeleted()).isEqualTo(2);
  }

  @Test
  void redCard_affectsEveryMarket() {
    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.RED_CARD, null);

    assertThat(r.marketsAffected()).isEqualTo(ALL_FIVE);
    assertThat(r.cpuSavedPct()).isZero();
    assertThat(r.keysDeleted()).isEqualTo(13);
  }

  @Test
  void anyEvent_leavesTheOtherMatchUntouched() {
    for (EventType event : EventType.values()) {
      invalidator.invalidate(store, "clasico", event, "btts");
    }

    assertThat(readableKeys("derby")).hasSize(13);
    assertThat(store.markets("derby")).isEqualTo(ALL_FIVE);
  }

  @Test
  void report_carriesMatchAndEvent() {
    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.CORNER, null);

    assertThat(r.matchId()).isEqualTo("clasico");
    assertThat(r.event()).isEqualTo(EventType.CORNER);
  }

  @Test
  void keysDeleted_countsKeysNotMarkets_andAKeyOfSeveralMarketsOnce() {
    // Depends on btts (preserved by an injury) and 1x2 (affected): its price is wrong, so it goes.
    store.put("clasico:combo", value(), Tags.of("clasico", Set.of("1x2", "btts")), LONG);
    long before = readableKeys("clasico").size() + (store.get("clasico:combo") == null ? 0 : 1);

    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.INJURY, null);

    long after = readableKeys("clasico").size() + (store.get("clasico:combo") == null ? 0 : 1);
    assertThat(r.keysDeleted()).isEqualTo(8).isEqualTo(before - after);
    assertThat(store.get("clasico:combo")).isNull();
    assertThat(r.marketsPreserved()).contains("btts");
  }

  @Test
  void keysDeleted_excludesKeysThatAlreadyExpired() {
    store.put("clasico:short", value(), Tags.of("clasico", Set.of("btts")), Duration.ofSeconds(5));
    ticker.advanceSeconds(6);

    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.ODDS_SHOCK, "btts");

    assertThat(r.keysDeleted()).isEqualTo(2);
  }

  @Test
  void marketWhoseKeysAllExpired_isNotAMarketOfTheMatch() {
    store.put("clasico:cards", value(), Tags.of("clasico", Set.of("cards")), Duration.ofSeconds(5));
    assertThat(store.markets("clasico")).contains("cards");
    ticker.advanceSeconds(6);

    InvalidationReport r = invalidator.invalidate(store, "clasico", EventType.YELLOW_CARD, null);

    assertThat(r.marketsAffected()).isEmpty();
    assertThat(r.marketsPreserved()).isEqualTo(ALL_FIVE);
  }

  @Test
  void matchWithoutCachedMarkets_reportsNothingAndZeroPercent() {
    InvalidationReport r = invalidator.invalidate(store, "unknown", EventType.GOAL, null);

    assertThat(r.marketsAffected()).isEmpty();
    assertThat(r.marketsPreserved()).isEmpty();
    assertThat(r.keysDeleted()).isZero();
    assertThat(r.cpuSavedPct()).isZero();
  }

  @Test
  void cpuSavedPct_isRoundedToHundredths() {
    InMemoryStore<String> three = new InMemoryStore<>(ticker);
    for (String market : List.of("1x2", "btts", "corners")) {
      three.put(market, value(), Tags.of("m", Set.of(market)), LONG);
    }

    assertThat(invalidator.invalidate(three, "m", EventType.CORNER, null).cpuSavedPct())
        .isEqualTo(66.67);
    assertThat(invalidator.invalidate(three, "m", EventType.ODDS_SHOCK, "btts").cpuSavedPct())
        .isEqualTo(50.0);
  }

  @Test
  void customRules_decideWhatIsAffected() {
    Invalidator custom = new Invalidator(ImpactRules.from(ImpactRules.ofDefaults())
        .affects(EventType.YELLOW_CARD, Set.of("correct_score"))
        .build());

    InvalidationReport r = custom.invalidate(store, "clasico", EventType.YELLOW_CARD, null);

    assertThat(r.marketsAffected()).containsExactly("correct_score");
    assertThat(r.keysDeleted()).isEqualTo(4);
    assertThat(r.cpuSavedPct()).isEqualTo(80.0);
  }

  @Test
  void oddsShockWithoutMarket_isRejectedNamingMarket() {
    for (String missing : new String[] {null, "", "  "}) {
      assertThatThrownBy(() -> invalidator.invalidate(store, "clasico", EventType.ODDS_SHOCK, missing))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("market is required for ODDS_SHOCK");
    }
    assertThat(readableKeys("clasico")).hasSize(13);
  }

  @Test
  void blankMatchId_isRejectedNamingTheField() {
    assertThatThrownBy(() -> invalidator.invalidate(store, " ", EventType.GOAL, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matchId must not be blank, got ' '");
    assertThatThrownBy(() -> invalidator.invalidate(store, null, EventType.GOAL, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matchId must not be blank, got null");
  }

  @Test
  void unknownEventType_isRejectedBeforeAnythingIsDeleted() {
    assertThatThrownBy(
            () -> invalidator.invalidate(store, "clasico", EventType.parse("event", "own_goal"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event must be one of")
        .hasMessageContaining("'own_goal'");
    assertThat(readableKeys("clasico")).hasSize(13);
  }

  static Stream<Arguments> defaultTable() {
    return ImpactRulesDefaultsTest.table();
  }

  /** Every row of the default table, end to end through a store with one key per market. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("defaultTable")
  void defaultTable_deletesTheKeysOfTheAffectedFamilies(EventType event, Set<String> families) {
    InMemoryStore<String> wide = new InMemoryStore<>(ticker);
    for (String market : ImpactRulesDefaultsTest.MARKETS) {
      wide.put("wide:" + market, value(), Tags.of("wide", Set.of(market)), LONG);
    }
    Set<String> expected = ImpactRulesDefaultsTest.marketsOf(families);

    InvalidationReport r = invalidator.invalidate(wide, "wide", event, null);

    assertThat(r.marketsAffected()).isEqualTo(expected);
    assertThat(r.keysDeleted()).isEqualTo(expected.size());
    assertThat(wide.markets("wide")).isEqualTo(r.marketsPreserved());
    assertThat(ImpactRulesDefaultsTest.MARKETS.stream()
        .filter(m -> wide.get("wide:" + m) == null)
        .collect(Collectors.toSet())).isEqualTo(expected);
  }

  private List<String> readableKeys(String matchId) {
    List<String> found = new ArrayList<>();
    KEYS_PER_MARKET.forEach((market, n) -> {
      for (int i = 0; i < n; i++) {
        if (store.get(key(matchId, market, i)) != null) {
          found.add(key(matchId, market, i));
        }
      }
    });
    return found;
  }

  private static String key(String matchId, String market, int i) {
    return matchId + ":" + market + ":" + i;
  }

  private static StoredValue<String> value() {
    return new StoredValue<>("price", 0, 10, 0);
  }
}
