package dev.oddscache.server.betfair;

import static dev.oddscache.server.betfair.Lines.definition;
import static dev.oddscache.server.betfair.Lines.join;
import static dev.oddscache.server.betfair.Lines.prices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * A line beyond one of the {@link BetfairLimits} is rejected whole with a reason naming the
 * setting, and the lines around it are parsed as usual.
 */
class BetfairLimitsTest {
  private static final String TICK = prices(2000, "\"ltp\":2.0,\"id\":1");

  /** The line between a definition and a tick, parsed with {@code limits}. */
  private static Recorder between(String line, BetfairLimits limits) throws IOException {
    Recorder r = new Recorder();
    new BetfairStreamParser(limits).parse(
        new StringReader(join(definition(1000, "OPEN", false), line, TICK)), r);
    return r;
  }

  private static void assertSkipped(Recorder r, String setting, int limit) {
    assertThat(r.rejected).containsExactly(
        new Rejection(1, "line exceeds betfair." + setting + " (" + limit + "), skipped"));
    assertThat(r.ticks).extracting(BetfairTick::index).containsExactly(2L);
  }

  @Test
  void deepNesting_isSkipped() throws IOException {
    BetfairLimits limits = BetfairLimits.custom().maxNestingDepth(8).build();
    String deep = "{\"op\":\"mcm\",\"pt\":1,\"x\":" + "[".repeat(8) + "]".repeat(8) + "}";

    assertSkipped(between(deep, limits), "maxNestingDepth", 8);
  }

  @Test
  void theDefaultNesting_takesBetfairsDeepestMessages() throws IOException {
    // A traded ladder nests 7 deep: line, mc, market change, rc, runner change, trd, a pair.
    String ladder = prices(1500, "\"id\":1,\"trd\":[[2.0,10.5],[2.02,3.1]]");

    assertThat(between(ladder, BetfairLimits.ofDefaults()).rejected).isEmpty();
  }

  @Test
  void tooManyTokens_isSkipped() throws IOException {
    BetfairLimits limits = BetfairLimits.custom().maxTokensPerLine(100).build();
    String many = "{\"op\":\"mcm\",\"pt\":1,\"x\":[" + "{},".repeat(100) + "{}]}";

    assertSkipped(between(many, limits), "maxTokensPerLine", 100);
  }

  @Test
  void longString_isSkipped() throws IOException {
    String longId = prices(1500, "\"id\":1,\"ltp\":2.0,\"note\":\"" + "n".repeat(1025) + "\"");

    assertSkipped(between(longId, BetfairLimits.ofDefaults()), "maxStringChars", 1024);
  }

  @Test
  void longFieldName_isSkipped() throws IOException {
    BetfairLimits limits = BetfairLimits.custom().maxStringChars(32).build();
    String longName = prices(1500, "\"id\":1,\"" + "k".repeat(33) + "\":1");

    assertSkipped(between(longName, limits), "maxStringChars", 32);
  }

  @Test
  void longNumber_isSkipped() throws IOException {
    String longPrice = prices(1500, "\"id\":1,\"ltp\":2." + "5".repeat(70));

    assertSkipped(between(longPrice, BetfairLimits.ofDefaults()), "maxNumberChars", 64);
  }

  @Test
  void overlongLine_isSkippedNamingTheSetting() throws IOException {
    BetfairLimits limits = BetfairLimits.custom().maxLineChars(200).build();

    Recorder r = between("[" + "1,".repeat(1000) + "1]", limits);

    assertThat(r.rejected).containsExactly(
        new Rejection(1, "line is longer than 200 characters (betfair.maxLineChars), skipped"));
    assertThat(r.ticks).extracting(BetfairTick::index).containsExactly(2L);
  }

  /** The shape of the bomb of issue 13, scaled down: millions of empty objects on one line. */
  @Test
  void aBombLine_isSkippedUnparsed() throws IOException {
    String bomb = "{\"op\":\"mcm\",\"pt\":1,\"mc\":[{\"id\":\"1.1\",\"rc\":[{\"id\":1,\"x\":["
        + "{},".repeat(BetfairLimits.DEFAULT_MAX_LINE_CHARS / 3) + "{}]}]}]}";

    Recorder r = between(bomb, BetfairLimits.ofDefaults());

    assertThat(r.rejected).singleElement().satisfies(x -> assertThat(x.reason())
        .startsWith("line is longer than " + BetfairLimits.DEFAULT_MAX_LINE_CHARS));
  }

  @Test
  void limits_mustBePositive() {
    assertThatThrownBy(() -> BetfairLimits.custom().maxTokensPerLine(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxTokensPerLine must be > 0, got 0");
    assertThatThrownBy(() -> new BetfairLimits(1, 1, 1, -3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNumberChars must be > 0, got -3");
  }

  @Test
  void theParser_keepsItsLimits() {
    BetfairLimits limits = BetfairLimits.custom().maxNestingDepth(9).build();

    assertThat(new BetfairStreamParser(limits).limits()).isEqualTo(limits);
    assertThat(new BetfairStreamParser(500).limits())
        .isEqualTo(BetfairLimits.ofDefaults().withMaxLineChars(500));
  }
}
