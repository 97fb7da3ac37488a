package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.settings.ImplicitFreshness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Single byte ranges of a stored body (RFC 9110 §14); anything else is the whole body. */
class ByteRangeTest {
  private static final String LAST_MODIFIED = "Sun, 01 Mar 2026 20:00:00 GMT";
  private static final CachedResponse TEN = CachedResponse.received(200,
      CachedResponseTest.headers("ETag", "\"v1\"", "Last-Modified", LAST_MODIFIED,
          "Cache-Control", "max-age=60"),
      "0123456789".getBytes(StandardCharsets.US_ASCII), 0, 0, CachedResponseTest.request(),
      ImplicitFreshness.ZONE);

  private static ByteRange range(String... request) {
    return ByteRange.of(CachedResponseTest.request(request), TEN);
  }

  @Test
  void aClosedRange() {
    assertThat(range("Range", "bytes=2-4")).isEqualTo(new ByteRange(2, 4));
    assertThat(range("Range", "bytes=2-4").length()).isEqualTo(3);
    assertThat(range("Range", "bytes=0-0")).isEqualTo(new ByteRange(0, 0));
  }

  @Test
  void anOpenRangeRunsToTheEnd() {
    assertThat(range("Range", "bytes=5-")).isEqualTo(new ByteRange(5, 9));
  }

  @Test
  void aSuffixRangeIsTheLastBytes() {
    assertThat(range("Range", "bytes=-3")).isEqualTo(new ByteRange(7, 9));
    assertThat(range("Range", "bytes=-100")).as("longer than the body")
        .isEqualTo(new ByteRange(0, 9));
  }

  @Test
  void aRangePastTheEndIsClipped() {
    assertThat(range("Range", "bytes=8-100")).isEqualTo(new ByteRange(8, 9));
  }

  @Test
  void theUnitIsCaseInsensitive() {
    assertThat(range("Range", "Bytes=2-4")).isEqualTo(new ByteRange(2, 4));
  }

  @Test
  void unsatisfiableRangesGiveTheWholeBody() {
    assertThat(range("Range", "bytes=10-")).isNull();
    assertThat(range("Range", "bytes=10-20")).isNull();
    assertThat(range("Range", "bytes=5-2")).isNull();
    assertThat(range("Range", "bytes=-0")).isNull();
  }

  @Test
  void malformedRangesGiveTheWholeBody() {
    assertThat(range("Range", "bytes=abc")).isNull();
    assertThat(range("Range", "bytes=a-b")).isNull();
    assertThat(range("Range", "bytes=")).isNull();
    assertThat(range("Range", "bytes=-")).isNull();
    assertThat(range("Range", "bytes=--3")).isNull();
  }

  @Test
  void severalRangesGiveTheWholeBody() {
    assertThat(range("Range", "bytes=0-1,3-4")).isNull();
    assertThat(range("Range", "bytes=0-1", "Range", "bytes=3-4")).isNull();
  }

  @Test
  void anotherUnitGivesTheWholeBody() {
    assertThat(range("Range", "items=0-1")).isNull();
    assertThat(range("Range", "0-1")).isNull();
  }

  @Test
  void noRangeIsTheWholeBody() {
    assertThat(range()).isNull();
  }

  @Test
  void ifRangeMustMatchTheStrongValidator() {
    assertThat(range("Range", "bytes=2-4", "If-Range", "\"v1\"")).isEqualTo(new ByteRange(2, 4));
    assertThat(range("Range", "bytes=2-4", "If-Range", LAST_MODIFIED))
        .isEqualTo(new ByteRange(2, 4));
    assertThat(range("Range", "bytes=2-4", "If-Range", "\"v2\"")).isNull();
    assertThat(range("Range", "bytes=2-4", "If-Range", "Mon, 02 Mar 2026 20:00:00 GMT"))
        .isNull();
    assertThat(range("Range", "bytes=2-4", "If-Range", "W/\"v1\"")).isNull();
  }

  @Test
  void aWeakEtagNeverSatisfiesIfRange() {
    CachedResponse weak = CachedResponse.received(200,
        CachedResponseTest.headers("ETag", "W/\"v1\"", "Cache-Control", "max-age=60"),
        "0123456789".getBytes(StandardCharsets.US_ASCII), 0, 0, CachedResponseTest.request(),
        ImplicitFreshness.ZONE);

    assertThat(ByteRange.of(CachedResponseTest.request("Range", "bytes=2-4",
        "If-Range", "W/\"v1\""), weak)).isNull();
    assertThat(ByteRange.of(CachedResponseTest.request("Range", "bytes=2-4"), weak))
        .isEqualTo(new ByteRange(2, 4));
  }

  @Test
  void anEmptyBodyHasNoRange() {
    CachedResponse empty = CachedResponse.received(200, Headers.EMPTY, new byte[0], 0, 0,
        CachedResponseTest.request(), ImplicitFreshness.ZONE);

    assertThat(ByteRange.of(CachedResponseTest.request("Range", "bytes=-3"), empty)).isNull();
    assertThat(ByteRange.of(CachedResponseTest.request("Range", "bytes=0-"), empty)).isNull();
  }
}
