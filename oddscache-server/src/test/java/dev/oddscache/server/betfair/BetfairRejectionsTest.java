package dev.oddscache.server.betfair;

import static dev.oddscache.server.betfair.Lines.definition;
import static dev.oddscache.server.betfair.Lines.join;
import static dev.oddscache.server.betfair.Lines.prices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Bad lines are rejected with their index and a reason naming the field, and never stop input. */
class BetfairRejectionsTest {

  @Test
  void invalidJson_isRejectedAndTheNextLinesGoOn() throws IOException {
    Recorder r = Recorder.parse(join(
        definition(1000, "OPEN", false),
        "{\"op\":\"mcm\",\"pt\":2000,\"mc\":[{\"id\":\"1.100\",\"rc\":[{\"ltp\":2.",
        "not json at all",
        prices(3000, "\"ltp\":2.0,\"id\":1")));

    assertThat(r.rejected).extracting(Rejection::index).containsExactly(1L, 2L);
    assertThat(r.rejected).allSatisfy(x -> assertThat(x.reason()).startsWith("invalid JSON"));
    assertThat(r.ticks).extracting(BetfairTick::index).containsExactly(3L);
  }

  @Test
  void trailingGarbage_isInvalidJson() throws IOException {
    Recorder r = Recorder.parse(join(definition(1000, "OPEN", false) + " {}"));

    assertThat(r.rejected).singleElement().satisfies(x ->
        assertThat(x.reason()).startsWith("invalid JSON at column"));
  }

  @Test
  void missingSelectionId_isRejectedAndTheOtherRunnerChangesGoOn() throws IOException {
    Recorder r = Recorder.parse(join(definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":2.0", "\"ltp\":3.0,\"id\":2")));

    assertThat(r.rejected).containsExactly(new Rejection(1, "mc[0].rc[0].id is missing"));
    assertThat(r.ticks).extracting(t -> t.tick().selection()).containsExactly("2");
  }

  @Test
  void wrongTypes_nameTheFieldAndTheValue() throws IOException {
    Recorder r = Recorder.parse(join(
        definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":\"2.5\",\"id\":1"),
        prices(2000, "\"ltp\":2.5,\"id\":\"one\""),
        "{\"op\":\"mcm\",\"pt\":\"soon\","
            + "\"mc\":[{\"id\":\"1.100\",\"rc\":[{\"ltp\":2.0,\"id\":1}]}]}",
        "{\"op\":\"mcm\",\"pt\":1,\"mc\":{\"id\":\"1.100\"}}",
        "[1,2,3]",
        "{\"op\":\"mcm\",\"pt\":1,\"mc\":[{\"rc\":[]}]}"));

    assertThat(r.rejected).containsExactly(
        new Rejection(1, "mc[0].rc[0].ltp must be a number, got \"2.5\""),
        new Rejection(2, "mc[0].rc[0].id must be an integer selection id, got \"one\""),
        new Rejection(3, "pt must be an integer (epoch milliseconds), got \"soon\""),
        new Rejection(4, "mc must be an array, got {\"id\":\"1.100\"}"),
        new Rejection(5, "line must be an object, got [1,2,3]"),
        new Rejection(6, "mc[0].id is missing"));
    assertThat(r.ticks).isEmpty();
  }

  @Test
  void badDefinition_isRejectedAndThePreviousOneStays() throws IOException {
    String noEvent = "{\"op\":\"mcm\",\"pt\":2000,\"mc\":[{\"id\":\"1.100\",\"marketDefinition\":"
        + "{\"marketType\":\"WIN\",\"status\":\"CLOSED\"},\"rc\":[{\"ltp\":9.9,\"id\":1}]}]}";
    String badTime = "{\"op\":\"mcm\",\"pt\":2500,\"mc\":[{\"id\":\"1.100\",\"marketDefinition\":"
        + "{\"eventId\":\"9\",\"marketType\":\"WIN\",\"status\":\"OPEN\","
        + "\"marketTime\":\"6pm\"}}]}";

    Recorder r = Recorder.parse(join(definition(1000, "OPEN", false), noEvent, badTime,
        prices(3000, "\"ltp\":2.0,\"id\":1")));

    assertThat(r.rejected).containsExactly(
        new Rejection(1, "mc[0].marketDefinition.eventId is missing"),
        new Rejection(2,
            "mc[0].marketDefinition.marketTime must be an ISO-8601 instant, got \"6pm\""));
    assertThat(r.ticks).singleElement().satisfies(t -> {
      assertThat(t.tick().matchId()).isEqualTo("31389771");
      assertThat(t.tick().timestampMillis()).isEqualTo(3000);
    });
  }

  @Test
  void priceBeforeAnyDefinition_isRejectedNamingTheMarket() throws IOException {
    Recorder r = Recorder.parse(join(prices(2000, "\"ltp\":2.0,\"id\":1")));

    assertThat(r.rejected).containsExactly(
        new Rejection(0, "mc[0].rc[0]: no marketDefinition seen yet for market 1.100"));
  }

  @Test
  void overlongLine_isRejectedUnreadAndTheNextLinesGoOn() throws IOException {
    Recorder r = new Recorder();
    String definition = definition(1000, "OPEN", false);
    String tick = prices(2000, "\"ltp\":2.0,\"id\":1");
    new BetfairStreamParser(definition.length()).parse(new StringReader(
        join(definition, "[" + "1,".repeat(10_000) + "1]", tick)), r);

    assertThat(r.rejected).containsExactly(new Rejection(1,
        "line is longer than " + definition.length()
            + " characters (betfair.maxLineChars), skipped"));
    assertThat(r.ticks).extracting(BetfairTick::index).containsExactly(2L);
  }

  @Test
  void hugeValues_areCutInReasons() throws IOException {
    String huge = "x".repeat(BetfairLimits.DEFAULT_MAX_STRING_CHARS);
    Recorder r = Recorder.parse(join(definition(1000, "OPEN", false),
        prices(2000, "\"ltp\":\"" + huge + "\",\"id\":1")));

    assertThat(r.rejected).singleElement().satisfies(x ->
        assertThat(x.reason()).startsWith("mc[0].rc[0].ltp must be a number, got \"xxx")
            .endsWith("...").hasSizeLessThan(120));
  }
}
