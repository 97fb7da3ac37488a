package dev.oddscache.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "30s, PT30S",
    "45m, PT45M",
    "2h, PT2H",
    "1h30m, PT1H30M",
    "1h30m15s, PT1H30M15S",
    "250ms, PT0.25S",
    "0s, PT0S",
    "-30m, PT-30M",
    "PT30M, PT30M",
    "pt2h, PT2H",
    "-PT1H, PT-1H",
  })
  void parsesEveryDocumentedForm(String text, String iso) {
    assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-", "soon", "30", "1d", "m", "3x", "1h-5m", "99999999999999999999h"})
  void rejectsAnythingElseNamingTheValue(String text) {
    assertThatThrownBy(() -> DurationConverter.parse(text))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("'" + text + "'");
  }
}
