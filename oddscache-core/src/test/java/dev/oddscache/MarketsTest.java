package dev.oddscache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Market id normalisation and families. */
class MarketsTest {

  @ParameterizedTest(name = "''{0}'' -> {1}")
  @CsvSource({"1x2, 1x2", "'  1X2 ', 1x2", "Over_Under_25, over_under_25", "BTTS, btts"})
  void normalise_trimsAndLowerCases(String raw, String expected) {
    assertThat(Markets.normalise(raw)).isEqualTo(expected);
  }

  @Test
  void normalise_ignoresTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      // In Turkish, "I".toLowerCase() is the dotless "ı".
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertThat(Markets.normalise("ASIAN_HANDICAP")).isEqualTo("asian_handicap");
    } finally {
      Locale.setDefault(saved);
    }
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\t"})
  void normalise_blank_throwsNamingFieldAndValue(String blank) {
    String shown = blank == null ? "null" : "'" + blank + "'";
    assertThatThrownBy(() -> Markets.normalise(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("market must not be blank, got " + shown);
    assertThatThrownBy(() -> Markets.family(blank))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("market must not be blank, got " + shown);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "over_under_25, over_under",
    "1x2, 1x2",
    "btts, btts",
    "asian_handicap, asian_handicap",
    "correct_score, correct_score",
    "' Over_Under_25 ', over_under",
    "corners_10_5, corners_10",
    "over_under_2.5, over_under_2.5",
    "half_time_1x2, half_time_1x2",
    "over_under_, over_under_",
    "_25, _25",
    "25, 25"
  })
  void family_stripsOnlyATrailingUnderscoreAndDigits(String market, String family) {
    assertThat(Markets.family(market)).isEqualTo(family);
  }
}
