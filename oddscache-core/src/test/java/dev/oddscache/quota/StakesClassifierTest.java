package dev.oddscache.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StakesClassifierTest {
  private final StakesClassifier classifier = StakesClassifier.ofDefaults();

  @Test
  void classify_remembered_isTheSameOnEveryCallAndForEitherArgument() {
    StakesClassifier fresh = StakesClassifier.custom().build();
    for (int round = 0; round < 3; round++) {
      assertThat(fresh.classify("Ligue 1", null)).isEqualTo(Stakes.MEDIUM);
      assertThat(fresh.classify("Ligue 1", "Le Classique")).isEqualTo(Stakes.MEDIUM);
      assertThat(fresh.classify("Ligue 1", "Coupe - Finale")).isEqualTo(Stakes.HIGH);
      assertThat(fresh.classify("Coupe - Finale", "Ligue 1")).isEqualTo(Stakes.HIGH);
      assertThat(fresh.classify("Friendly", "Ligue 1")).isEqualTo(Stakes.MEDIUM);
      assertThat(fresh.classify("Friendly", null)).isEqualTo(Stakes.LOW);
    }
  }

  @Test
  void classify_manyOrLongTexts_stayCorrectPastTheMemoryBound() {
    StakesClassifier fresh = StakesClassifier.custom().build();
    for (int i = 0; i < StakesClassifier.MAX_CACHED_TEXTS + 100; i++) {
      assertThat(fresh.classify("Regional league " + i, null)).isEqualTo(Stakes.LOW);
    }
    assertThat(fresh.classify("Premier League", null)).isEqualTo(Stakes.MEDIUM);
    String longName = "x".repeat(StakesClassifier.MAX_CACHED_LENGTH) + " world cup";
    assertThat(fresh.classify(null, longName)).isEqualTo(Stakes.HIGH);
    assertThat(fresh.classify(null, longName)).isEqualTo(Stakes.HIGH);
  }

  @Test
  void classify_emptyOrNullContext_isLow() {
    assertThat(classifier.classify(null, null)).isEqualTo(Stakes.LOW);
    assertThat(classifier.classify("", "")).isEqualTo(Stakes.LOW);
    assertThat(classifier.classify("   ", null)).isEqualTo(Stakes.LOW);
    assertThat(classifier.classify(null, null, null)).isEqualTo(Stakes.LOW);
  }

  @ParameterizedTest(name = "''{0}'' -> MEDIUM")
  @CsvSource({"ligue 1", "LIGUE 1", "Ligue 1", "lIgUe 1"})
  void classify_caseVariations_match(String competition) {
    assertThat(classifier.classify(competition, null)).isEqualTo(Stakes.MEDIUM);
  }

  @ParameterizedTest(name = "''{0}'' / ''{1}'' -> {2}")
  @CsvSource(delimiter = '|', nullValues = "null", value = {
    "UEFA Champions League Final | null                 | HIGH",
    "Coupe de France - Finale    | null                 | HIGH",
    "LaLiga                      | El Clásico           | HIGH",
    "La Liga                     | El Clasico           | HIGH",
    "FIFA World Cup 2026         | null                 | HIGH",
    "UEFA Euro 2028              | null                 | HIGH",
    "UCL                         | PSG vs Bayern        | HIGH",
    "Premier League              | Arsenal vs Chelsea   | MEDIUM",
    "Serie A                     | null                 | MEDIUM",
    "Bundesliga                  | null                 | MEDIUM",
    "UEFA Europa League          | null                 | MEDIUM",
    "LaLiga                      | Betis vs Sevilla     | MEDIUM",
    "Ligue 2                     | Caen vs Metz         | LOW",
    "EFL Championship            | null                 | LOW",
    "Club Friendly               | null                 | LOW",
    "Match amical                | null                 | LOW",
    "Eredivisie                  | Ajax vs PSV          | LOW",
  })
  void classify_keywordsAsSubstrings(String competition, String name, Stakes expected) {
    assertThat(classifier.classify(competition, name)).isEqualTo(expected);
  }

  @Test
  void classify_ligue1DoesNotMatchLigue2() {
    assertThat(classifier.classify("Ligue 2", null)).isEqualTo(Stakes.LOW);
    assertThat(classifier.classify("LIGUE 2", "Ligue 2 - J12")).isEqualTo(Stakes.LOW);
  }

  @Test
  void classify_ligue10_matchesLigue1AsDocumented() {
    // Plain substrings by design: a digit boundary would also stop "euro 20" matching "Euro 2028".
    assertThat(classifier.classify("Ligue 10", null)).isEqualTo(Stakes.MEDIUM);
  }

  @Test
  void classify_keywordSpanningCompetitionAndName_doesNotMatch() {
    assertThat(classifier.classify("Coupe de la Ligue", "1. FC Nowhere vs Somewhere"))
        .isEqualTo(Stakes.LOW);
  }

  @Test
  void classify_highestStakesWins() {
    assertThat(classifier.classify("Ligue 1", "UCL qualifier")).isEqualTo(Stakes.HIGH);
    assertThat(classifier.classify("UCL", "Ligue 1")).isEqualTo(Stakes.HIGH);
    assertThat(classifier.classify("Ligue 2", "Premier League legends")).isEqualTo(Stakes.MEDIUM);
  }

  @Test
  void classify_keywordInNameOnly_counts() {
    assertThat(classifier.classify(null, "El Clásico")).isEqualTo(Stakes.HIGH);
  }

  @Test
  void classify_decomposedAccent_matchesComposedKeyword() {
    String decomposed = Normalizer.normalize("El Clásico", Normalizer.Form.NFD);

    assertThat(decomposed).doesNotContain("á");
    assertThat(classifier.classify(null, decomposed)).isEqualTo(Stakes.HIGH);
  }

  @Test
  void classify_explicitOverride_wins() {
    assertThat(classifier.classify("UEFA Champions League", "Final", Stakes.LOW))
        .isEqualTo(Stakes.LOW);
    assertThat(classifier.classify("Ligue 2", null, Stakes.HIGH)).isEqualTo(Stakes.HIGH);
    assertThat(classifier.classify("Ligue 1", null, null)).isEqualTo(Stakes.MEDIUM);
  }

  @Test
  void defaults_areTheKeywordsOfTheSpec() {
    assertThat(classifier.keywords(Stakes.HIGH)).containsExactly(
        "champions league", "ucl", "final", "clasico", "clásico", "world cup", "euro 20");
    assertThat(classifier.keywords(Stakes.MEDIUM)).containsExactly("ligue 1", "premier league",
        "la liga", "laliga", "serie a", "bundesliga", "europa league");
    assertThat(classifier.keywords(Stakes.LOW))
        .containsExactly("ligue 2", "championship", "friendly", "amical");
  }

  @Test
  void custom_replacesOnlyTheGivenList_normalised() {
    StakesClassifier custom = StakesClassifier.custom()
        .keywords(Stakes.HIGH, List.of("Derby", "FINAL"))
        .build();

    assertThat(custom.keywords(Stakes.HIGH)).containsExactly("derby", "final");
    assertThat(custom.keywords(Stakes.MEDIUM)).isEqualTo(classifier.keywords(Stakes.MEDIUM));
    assertThat(custom.classify("Ligue 1", "Derby du Nord")).isEqualTo(Stakes.HIGH);
    assertThat(custom.classify("UEFA Champions League", null)).isEqualTo(Stakes.LOW);
  }

  @Test
  void custom_emptyList_disablesThatStakes() {
    StakesClassifier custom = StakesClassifier.custom().keywords(Stakes.MEDIUM, List.of()).build();

    assertThat(custom.classify("Ligue 1", null)).isEqualTo(Stakes.LOW);
  }

  @Test
  void custom_copiesListsDefensively() {
    List<String> source = new ArrayList<>(List.of("derby"));
    StakesClassifier.Builder builder = StakesClassifier.custom().keywords(Stakes.HIGH, source);
    StakesClassifier built = builder.build();

    source.add("ligue 2");
    builder.keywords(Stakes.HIGH, List.of("other"));

    assertThat(built.keywords(Stakes.HIGH)).containsExactly("derby");
    assertThat(built.classify("Ligue 2", null)).isEqualTo(Stakes.LOW);
    assertThatThrownBy(() -> built.keywords(Stakes.HIGH).add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void from_startsFromTheBase() {
    StakesClassifier base =
        StakesClassifier.custom().keywords(Stakes.HIGH, List.of("derby")).build();

    StakesClassifier derived =
        StakesClassifier.from(base).keywords(Stakes.MEDIUM, List.of("eredivisie")).build();

    assertThat(derived.classify("Derby", null)).isEqualTo(Stakes.HIGH);
    assertThat(derived.classify("Eredivisie", null)).isEqualTo(Stakes.MEDIUM);
    assertThat(base.classify("Eredivisie", null)).isEqualTo(Stakes.LOW);
    assertThat(StakesClassifier.from(base).build()).isEqualTo(base);
  }

  @Test
  void custom_blankOrNullKeyword_isRejectedNamingElementAndValue() {
    assertThatThrownBy(
        () -> StakesClassifier.custom().keywords(Stakes.HIGH, List.of("derby", "  ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keywords[HIGH][1]")
        .hasMessageContaining("'  '");
    assertThatThrownBy(
        () -> StakesClassifier.custom().keywords(Stakes.LOW, Arrays.asList("a", "b", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keywords[LOW][2]")
        .hasMessageContaining("null");
    assertThatThrownBy(() -> StakesClassifier.custom().keywords(Stakes.LOW, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("keywords");
  }
}
