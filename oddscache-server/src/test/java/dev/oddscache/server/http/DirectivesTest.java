package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Cache-Control parser (RFC 9111 §5.2): names, quoting, repeats and delta-seconds. */
class DirectivesTest {

  @Test
  void namesAreCaseInsensitive() {
    Directives d = Directives.parse("Max-Age=60, NO-CACHE, Public");

    assertThat(d.seconds("max-age")).isEqualTo(60);
    assertThat(d.has("no-cache")).isTrue();
    assertThat(d.has("public")).isTrue();
    assertThat(d.has("Public")).as("lookups use the lower-case name").isFalse();
  }

  @Test
  void aMaxAgeInsideAnotherDirectivesQuotedArgumentIsNotRead() {
    assertThat(Directives.parse("foo=\"max-age=1\", max-age=3600").seconds("max-age"))
        .isEqualTo(3600);
    assertThat(Directives.parse("max-age=3600, foo=\"max-age=1\"").seconds("max-age"))
        .isEqualTo(3600);
    assertThat(Directives.parse("foo=\"a, max-age=1, b\"").has("max-age")).isFalse();
  }

  @Test
  void commasInsideAQuotedArgumentDoNotSplitIt() {
    Directives d = Directives.parse("no-cache=\"Set-Cookie, X-Token\", max-age=5");

    assertThat(d.argument("no-cache")).isEqualTo("Set-Cookie, X-Token");
    assertThat(d.has("x-token\"")).isFalse();
    assertThat(d.has("x-token")).isFalse();
    assertThat(d.seconds("max-age")).isEqualTo(5);
  }

  @Test
  void aQuotedArgumentIsUnquotedAndItsEscapesRead() {
    assertThat(Directives.parse("foo=\"a\\\"b\"").argument("foo")).isEqualTo("a\"b");
  }

  @Test
  void theFirstOfARepeatedDirectiveWins() {
    assertThat(Directives.parse("max-age=10, max-age=3600").seconds("max-age")).isEqualTo(10);
    assertThat(Directives.parse("max-age=3600, MAX-AGE=10").seconds("max-age")).isEqualTo(3600);
  }

  @Test
  void secondsIsMinusTwoForAnAbsentDirective() {
    assertThat(Directives.parse("public").seconds("max-age")).isEqualTo(-2);
    assertThat(Directives.NONE.seconds("max-age")).isEqualTo(-2);
  }

  @Test
  void secondsIsInvalidForANegativeFractionalSingleQuotedOrEmptyValue() {
    assertThat(Directives.INVALID).isEqualTo(-1);
    assertThat(Directives.parse("max-age=-1").seconds("max-age")).isEqualTo(Directives.INVALID);
    assertThat(Directives.parse("max-age=1.5").seconds("max-age")).isEqualTo(Directives.INVALID);
    assertThat(Directives.parse("max-age='3600'").seconds("max-age"))
        .isEqualTo(Directives.INVALID);
    assertThat(Directives.parse("max-age=").seconds("max-age")).isEqualTo(Directives.INVALID);
    assertThat(Directives.parse("max-age").seconds("max-age")).isEqualTo(Directives.INVALID);
    assertThat(Directives.parse("max-age=60s").seconds("max-age")).isEqualTo(Directives.INVALID);
  }

  @Test
  void leadingZerosAreAccepted() {
    assertThat(Directives.parse("max-age=003600").seconds("max-age")).isEqualTo(3600);
  }

  @Test
  void hugeValuesAreCappedAt2147483648() {
    assertThat(Directives.MAX_DELTA).isEqualTo(2_147_483_648L);
    assertThat(Directives.parse("max-age=2147483648").seconds("max-age"))
        .isEqualTo(2_147_483_648L);
    assertThat(Directives.parse("max-age=2147483649").seconds("max-age"))
        .isEqualTo(2_147_483_648L);
    assertThat(Directives.parse("max-age=99999999999999999999999").seconds("max-age"))
        .isEqualTo(2_147_483_648L);
    assertThat(Directives.parse("max-age=0000000000000060").seconds("max-age"))
        .as("leading zeros past ten digits are still a small number").isEqualTo(60);
  }

  @Test
  void spacesAroundDirectivesAndEmptyMembersAreSkipped() {
    Directives d = Directives.parse(" ,  max-age=60 ,, no-store ,");

    assertThat(d.seconds("max-age")).isEqualTo(60);
    assertThat(d.has("no-store")).isTrue();
  }

  @Test
  void nullOrBlankIsNone() {
    assertThat(Directives.parse(null)).isSameAs(Directives.NONE);
    assertThat(Directives.parse("  ")).isSameAs(Directives.NONE);
  }

  @Test
  void severalFieldLinesAreJoined() {
    Headers h = Headers.builder().add("Cache-Control", "public")
        .add("cache-control", "max-age=60").add("Cache-Control", "max-age=5").build();

    Directives d = Directives.ofResponse(h);

    assertThat(d.has("public")).isTrue();
    assertThat(d.seconds("max-age")).as("the first line's wins").isEqualTo(60);
    assertThat(d.targeted()).isFalse();
  }

  @Test
  void aValidCdnCacheControlReplacesCacheControl() {
    Headers h = Headers.builder().add("Cache-Control", "max-age=5, public")
        .add("CDN-Cache-Control", "max-age=600").build();

    Directives d = Directives.ofResponse(h);

    assertThat(d.targeted()).isTrue();
    assertThat(d.seconds("max-age")).isEqualTo(600);
    assertThat(d.has("public")).isFalse();
  }

  @Test
  void anInvalidCdnCacheControlIsIgnoredWhole() {
    Headers h = Headers.builder().add("Cache-Control", "max-age=5")
        .add("CDN-Cache-Control", "max-age=600, &&&").build();

    Directives d = Directives.ofResponse(h);

    assertThat(d.targeted()).isFalse();
    assertThat(d.seconds("max-age")).isEqualTo(5);
  }
}
