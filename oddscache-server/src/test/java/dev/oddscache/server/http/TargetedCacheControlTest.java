package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CDN-Cache-Control (RFC 9213) as a Structured Field Dictionary: valid whole or ignored. */
class TargetedCacheControlTest {

  @Test
  void validFields() {
    assertThat(TargetedCacheControl.parse("max-age=3600").seconds("max-age")).isEqualTo(3600);
    assertThat(TargetedCacheControl.parse("no-store").has("no-store")).isTrue();
    assertThat(TargetedCacheControl.parse("private").has("private")).isTrue();
    Directives unknownFirst = TargetedCacheControl.parse("foobar, max-age=3600");
    assertThat(unknownFirst).isNotNull();
    assertThat(unknownFirst.has("foobar")).isTrue();
    assertThat(unknownFirst.seconds("max-age")).isEqualTo(3600);
  }

  @Test
  void spacesAfterCommasAndParametersAreAllowed() {
    Directives d = TargetedCacheControl.parse("max-age=60;foo=bar,   s-maxage=30,public");

    assertThat(d).isNotNull();
    assertThat(d.seconds("max-age")).isEqualTo(60);
    assertThat(d.seconds("s-maxage")).isEqualTo(30);
    assertThat(d.has("public")).isTrue();
  }

  @Test
  void aNegativeIntegerIsAnInvalidDelta() {
    Directives d = TargetedCacheControl.parse("max-age=-5");

    assertThat(d).isNotNull();
    assertThat(d.seconds("max-age")).isEqualTo(Directives.INVALID);
  }

  @Test
  void anUpperCaseKeyInvalidatesTheWholeField() {
    assertThat(TargetedCacheControl.parse("MaX-aGe=3600")).isNull();
  }

  @Test
  void spacesAroundTheEqualsSignInvalidateTheWholeField() {
    assertThat(TargetedCacheControl.parse("max-age =100")).isNull();
    assertThat(TargetedCacheControl.parse("max-age= 100")).isNull();
  }

  @Test
  void aDeltaOfTheWrongTypeInvalidatesTheWholeField() {
    assertThat(TargetedCacheControl.parse("max-age=\"10000\"")).isNull();
    assertThat(TargetedCacheControl.parse("max-age=1.5")).isNull();
    assertThat(TargetedCacheControl.parse("max-age")).as("a boolean true").isNull();
    assertThat(TargetedCacheControl.parse("stale-if-error=abc")).isNull();
  }

  @Test
  void aBadMemberInvalidatesTheWholeField() {
    assertThat(TargetedCacheControl.parse("max-age=10000, &&&&&")).isNull();
  }

  @Test
  void aTrailingCommaInvalidatesTheWholeField() {
    assertThat(TargetedCacheControl.parse("max-age=10000,")).isNull();
    assertThat(TargetedCacheControl.parse("max-age=10000, ")).isNull();
  }

  @Test
  void noFieldOrAnEmptyOneIsNull() {
    assertThat(TargetedCacheControl.parse(null)).isNull();
    assertThat(TargetedCacheControl.parse("")).isNull();
    assertThat(TargetedCacheControl.parse("   ")).isNull();
  }
}
