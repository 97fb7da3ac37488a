package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** HTTP dates (RFC 9110 §5.6.7): the three forms a recipient reads, and nothing else. */
class HttpDatesTest {
  private static final long NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z").toEpochMilli();

  @Test
  void imfFixdateParses() {
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(NOV_6_1994);
  }

  @Test
  void namesAreReadInAnyCase() {
    assertThat(HttpDates.parse("sun, 06 nov 1994 08:49:37 gmt")).isEqualTo(NOV_6_1994);
    assertThat(HttpDates.parse("SUN, 06 NOV 1994 08:49:37 GMT")).isEqualTo(NOV_6_1994);
  }

  @Test
  void theObsoleteFormsParseToTheSameInstant() {
    assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(NOV_6_1994);
    assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).isEqualTo(NOV_6_1994);
    assertThat(HttpDates.parse("sunday, 06-nov-94 08:49:37 gmt")).isEqualTo(NOV_6_1994);
  }

  @Test
  void anotherZoneIsRefused() {
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 UTC")).isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 PST")).isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 +0000")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void aTwoDigitYearInImfFormIsRefused() {
    assertThat(HttpDates.parse("Sun, 06 Nov 94 08:49:37 GMT")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void malformedPunctuationAndSpacingIsRefused() {
    assertThat(HttpDates.parse("Sun 06 Nov 1994 08:49:37 GMT")).as("missing comma")
        .isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun,  06 Nov 1994 08:49:37 GMT")).as("double space")
        .isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun, 06 Nov 1994  08:49:37 GMT")).as("double space")
        .isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun, 06-Nov-1994 08:49:37 GMT")).as("dashes")
        .isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 08.49.37 GMT")).as("periods")
        .isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 8:49:37 GMT")).as("one-digit hour")
        .isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun, 6 Nov 1994 08:49:37 GMT")).as("one-digit day")
        .isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void nonDatesAreRefused() {
    assertThat(HttpDates.parse("0")).isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("-1")).isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("")).isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse(null)).isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("1994-11-06T08:49:37Z")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void impossibleDatesAreRefused() {
    assertThat(HttpDates.parse("Sun, 06 Nov 1994 25:49:37 GMT")).isEqualTo(Long.MIN_VALUE);
    assertThat(HttpDates.parse("Sun, 06 Foo 1994 08:49:37 GMT")).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void formatWritesImfFixdateAndRoundTrips() {
    assertThat(HttpDates.format(NOV_6_1994)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(HttpDates.parse(HttpDates.format(NOV_6_1994))).isEqualTo(NOV_6_1994);
    long now = Instant.parse("2026-03-01T20:00:05Z").toEpochMilli();
    assertThat(HttpDates.format(HttpDates.parse(HttpDates.format(now))))
        .isEqualTo(HttpDates.format(now)).isEqualTo("Sun, 01 Mar 2026 20:00:05 GMT");
    assertThat(HttpDates.parse(HttpDates.format(now + 999))).as("whole seconds").isEqualTo(now);
  }
}
