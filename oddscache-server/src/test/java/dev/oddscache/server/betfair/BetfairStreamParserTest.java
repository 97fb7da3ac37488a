package dev.oddscache.server.betfair;

import static dev.oddscache.server.betfair.Lines.definition;
import static dev.oddscache.server.betfair.Lines.join;
import static dev.oddscache.server.betfair.Lines.prices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.vix.OddsTick;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class BetfairStreamParserTest {

  @Test
  void definitionThenRunnerChanges_mapToTicksOfEventMarketTypeAndSelection() throws IOException {
    Recorder r = Recorder.parse(join(
        definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":8.8,\"id\":42930960", "\"ltp\":21,\"id\":37947503"),
        prices(3000, "\"ltp\":9.0,\"id\":42930960")));

    assertThat(r.rejected).isEmpty();
    assertThat(r.ticks).extracting(BetfairTick::tick).containsExactly(
        new OddsTick("31389771", "win", "42930960", 8.8, 2000),
        new OddsTick("31389771", "win", "37947503", 21.0, 2000),
        new OddsTick("31389771", "win", "42930960", 9.0, 3000));
    assertThat(r.ticks).extracting(BetfairTick::index).containsExactly(1L, 1L, 2L);
    assertThat(r.ticks.get(1).path()).isEqualTo("mc[0].rc[1]");
    assertThat(r.ticks).allSatisfy(t -> assertThat(t.marketId()).isEqualTo("1.100"));
  }

  @Test
  void kickoff_isMarketTimeInEpochMillis() throws IOException {
    Recorder r = Recorder.parse(join(definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":8.8,\"id\":1")));

    assertThat(r.ticks.get(0).kickoffMillis()).isEqualTo(Lines.KICKOFF);
  }

  @Test
  void inPlay_followsTheLatestDefinition() throws IOException {
    Recorder r = Recorder.parse(join(
        definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":8.8,\"id\":1"),
        definition(3000, "OPEN", true),
        prices(4000, "\"ltp\":8.6,\"id\":1")));

    assertThat(r.ticks).extracting(BetfairTick::inPlay).containsExactly(false, true);
  }

  @Test
  void ticksWhileNotOpen_areIgnoredNotRejected() throws IOException {
    Recorder r = Recorder.parse(join(
        definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":8.8,\"id\":1"),
        definition(3000, "SUSPENDED", true),
        prices(4000, "\"ltp\":8.6,\"id\":1"),
        definition(5000, "OPEN", true),
        prices(6000, "\"ltp\":8.4,\"id\":1"),
        definition(7000, "CLOSED", true),
        prices(8000, "\"ltp\":1.01,\"id\":1")));

    assertThat(r.ticks).extracting(t -> t.tick().timestampMillis()).containsExactly(2000L, 6000L);
    assertThat(r.ignored).extracting(t -> t.tick().timestampMillis()).containsExactly(4000L, 8000L);
    assertThat(r.rejected).isEmpty();
  }

  @Test
  void statusChanges_areReportedFromTheSecondDefinitionOn_onlyWhenTheStatusDiffers()
      throws IOException {
    Recorder r = Recorder.parse(join(
        definition(1000, "OPEN", false),
        definition(2000, "OPEN", true),
        definition(3000, "SUSPENDED", true),
        definition(4000, "SUSPENDED", true),
        prices(4500, "\"ltp\":8.6,\"id\":1"),
        definition(5000, "OPEN", true),
        definition(6000, "1.200", "777", "PLACE", "OPEN", false),
        definition(7000, "CLOSED", true)));

    assertThat(r.statuses).containsExactly(
        new MarketStatusChange("31389771", "win", "1.100", "SUSPENDED", 3000, 2),
        new MarketStatusChange("31389771", "win", "1.100", "OPEN", 5000, 5),
        new MarketStatusChange("31389771", "win", "1.100", "CLOSED", 7000, 7));
    assertThat(r.rejected).isEmpty();
  }

  @Test
  void definitionInTheSameMarketChange_appliesToItsRunnerChanges() throws IOException {
    String suspendedWithPrices = "{\"op\":\"mcm\",\"pt\":2000,\"mc\":[{\"id\":\"1.100\","
        + "\"marketDefinition\":{\"eventId\":\"9\",\"marketType\":\"WIN\",\"status\":\"SUSPENDED\","
        + "\"inPlay\":false},\"rc\":[{\"ltp\":3.0,\"id\":1}]}]}";

    Recorder r = Recorder.parse(join(definition(1000, "OPEN", false), suspendedWithPrices));

    assertThat(r.ticks).isEmpty();
    assertThat(r.ignored).hasSize(1);
    assertThat(r.ignored.get(0).kickoffMillis()).isNull();
  }

  @Test
  void definitions_areKeptPerMarketId() throws IOException {
    Recorder r = Recorder.parse(join(
        definition(1000, "1.1", "e1", "WIN", "OPEN", false),
        definition(1000, "1.2", "e1", "PLACE", "SUSPENDED", false),
        Lines.pricesIn("1.2", 2000, "\"ltp\":2.0,\"id\":7"),
        Lines.pricesIn("1.1", 2000, "\"ltp\":5.0,\"id\":7")));

    assertThat(r.ticks).extracting(t -> t.tick().market()).containsExactly("win");
    assertThat(r.ignored).extracting(t -> t.tick().market()).containsExactly("place");
  }

  @Test
  void runnerChangesWithoutLtp_areOrderBookOnlyAndSkipped() throws IOException {
    Recorder r = Recorder.parse(join(definition(1000, "OPEN", false),
        prices(2000, "\"atb\":[[8.8,18.6]],\"id\":1", "\"ltp\":3.5,\"id\":2")));

    assertThat(r.ticks).extracting(t -> t.tick().selection()).containsExactly("2");
    assertThat(r.rejected).isEmpty();
  }

  @Test
  void handicap_isPartOfTheSelection() throws IOException {
    Recorder r = Recorder.parse(join(definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":1.9,\"id\":5,\"hc\":-1.5", "\"ltp\":2.1,\"id\":5,\"hc\":0.0")));

    assertThat(r.ticks).extracting(t -> t.tick().selection()).containsExactly("5@-1.5", "5");
  }

  @Test
  void heartbeatsAndOtherOps_produceNothing() throws IOException {
    Recorder r = Recorder.parse(join(
        "{\"op\":\"connection\",\"connectionId\":\"002-051134157842-432409\"}",
        "{\"op\":\"status\",\"statusCode\":\"SUCCESS\"}",
        "{\"op\":\"mcm\",\"id\":2,\"clk\":\"AA\",\"pt\":1,\"ct\":\"HEARTBEAT\"}",
        "",
        "   "));

    assertThat(r.ticks).isEmpty();
    assertThat(r.rejected).isEmpty();
  }

  @Test
  void parse_countsEveryLineAndNumbersThemFromZero() throws IOException {
    Recorder r = new Recorder();
    long lines = new BetfairStreamParser().parse(new StringReader(
        join(definition(1000, "OPEN", false), "", prices(2000, "\"ltp\":2.0,\"id\":1"))), r);

    assertThat(lines).isEqualTo(3);
    assertThat(r.ticks.get(0).index()).isEqualTo(2);
  }

  @Test
  void crlfLineEndsAndAMissingLastLineEnd_areFine() throws IOException {
    Recorder r = Recorder.parse(definition(1000, "OPEN", false) + "\r\n"
        + prices(2000, "\"ltp\":2.0,\"id\":1") + "\r\n" + prices(3000, "\"ltp\":2.2,\"id\":1"));

    assertThat(r.rejected).isEmpty();
    assertThat(r.ticks).extracting(BetfairTick::index).containsExactly(1L, 2L);
  }

  @Test
  void maxLineChars_mustBePositive() {
    assertThatThrownBy(() -> new BetfairStreamParser(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxLineChars must be > 0, got 0");
  }

  @Test
  void forget_dropsTheDefinition() throws IOException {
    BetfairStreamParser parser = new BetfairStreamParser();
    Recorder r = new Recorder();
    parser.parseLine(0, definition(1000, "OPEN", false), r);
    assertThat(parser.marketCount()).isEqualTo(1);

    assertThat(parser.forget("1.100")).isTrue();
    parser.parseLine(1, prices(2000, "\"ltp\":2.0,\"id\":1"), r);

    assertThat(parser.marketCount()).isZero();
    assertThat(r.rejected).singleElement().satisfies(x ->
        assertThat(x.reason()).contains("no marketDefinition seen yet for market 1.100"));
  }
}
