package dev.oddscache.server.betfair;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.oddscache.server.testing.SharedBetfairData;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default {@link BetfairLimits} are sized from the real files: the figures their
 * documentation quotes are measured here, and each default keeps its margin over them.
 */
class LimitsSizingTest {
  private static final JsonFactory JSON = new JsonFactory();

  @Test
  void theDefaults_leaveTheDocumentedMarginOverTheRealFiles() throws IOException {
    Measure m = new Measure();
    for (String name : List.of(SharedBetfairData.WIN_MARKET, SharedBetfairData.PLACE_MARKET,
        SharedBetfairData.HORSE_RACE, SharedBetfairData.SELF_RECORDED)) {
      try (BufferedReader in = BetfairInput.open(SharedBetfairData.file(name))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          m.line(line);
        }
      }
    }

    assertThat(m.lines).isEqualTo(22_734);
    assertThat(m.chars).isEqualTo(8_341);
    assertThat(m.tokens).isEqualTo(2_757);
    assertThat(m.depth).isEqualTo(7);
    assertThat(m.string).isEqualTo(24);
    assertThat(m.number).isEqualTo(18);
    BetfairLimits d = BetfairLimits.ofDefaults();
    assertThat(d.maxLineChars() / m.chars).isEqualTo(31);
    assertThat(d.maxTokensPerLine() / m.tokens).isEqualTo(23);
    assertThat(d.maxNestingDepth()).isGreaterThanOrEqualTo(4 * m.depth);
    assertThat(d.maxStringChars()).isGreaterThanOrEqualTo(40 * m.string);
    assertThat(d.maxNumberChars()).isGreaterThanOrEqualTo(3 * m.number);
  }

  /** The largest of each measure over every line seen; tokens as Jackson counts them. */
  private static final class Measure {
    long lines;
    int chars;
    int tokens;
    int depth;
    int string;
    int number;

    void line(String line) throws IOException {
      lines++;
      chars = Math.max(chars, line.length());
      int count = 0;
      try (JsonParser p = JSON.createParser(line)) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          count++;
          depth = Math.max(depth, p.getParsingContext().getNestingDepth());
          if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
            string = Math.max(string, p.getTextLength());
          } else if (t.isNumeric()) {
            number = Math.max(number, p.getTextLength());
          }
        }
      }
      tokens = Math.max(tokens, count);
    }
  }
}
