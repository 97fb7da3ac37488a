package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.server.settings.ImplicitFreshness;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The stored responses' binary layout: version 2 round trips, version 1 still reads. */
class CachedResponseCodecTest {
  private static final long NOW = Instant.parse("2026-03-01T20:00:00Z").toEpochMilli();
  private static final CachedResponseCodec CODEC = CachedResponseCodec.INSTANCE;

  private static CachedResponse sample() {
    byte[] body = new byte[300];
    for (int i = 0; i < body.length; i++) {
      body[i] = (byte) i;
    }
    Headers headers = CachedResponseTest.headers("Content-Type", "application/json",
        "Cache-Control", "max-age=600, stale-while-revalidate=30",
        "Vary", "Accept-Language, Cookie, X-Absent", "Link", "</a>; rel=preload",
        "link", "</b>; rel=preload", "X-Unicode", "été ✓", "Age", "12");
    return CachedResponse.received(203, headers, body, NOW - 2_000, NOW,
        CachedResponseTest.request("Accept-Language", "en, fr", "Cookie", "id=1"),
        ImplicitFreshness.ZONE);
  }

  @Test
  void version2RoundTrips() {
    CachedResponse original = sample();

    CachedResponse decoded = CODEC.decode(CODEC.encode(original));

    assertThat(decoded.status()).isEqualTo(203);
    assertThat(decoded.headers().size()).isEqualTo(original.headers().size());
    for (int i = 0; i < original.headers().size(); i++) {
      assertThat(decoded.headers().name(i)).isEqualTo(original.headers().name(i));
      assertThat(decoded.headers().value(i)).isEqualTo(original.headers().value(i));
    }
    assertThat(decoded.headers().all("Link")).containsExactly("</a>; rel=preload",
        "</b>; rel=preload");
    assertThat(decoded.body()).isEqualTo(original.body());
    assertThat(decoded.varyValues()).isEqualTo(original.varyValues())
        .containsExactly("en,fr", "id=1", "\0");
    assertThat(decoded.initialAgeSeconds()).isEqualTo(original.initialAgeSeconds())
        .isEqualTo(14);
    assertThat(decoded.responseMillis()).isEqualTo(NOW);
    assertThat(decoded.rules()).isEqualTo(original.rules());
    assertThat(decoded.matches(CachedResponseTest.request("Accept-Language", "en,fr",
        "Cookie", "id=1"))).isTrue();
    assertThat(decoded.matches(CachedResponseTest.request("Accept-Language", "en,fr",
        "Cookie", "id=1", "X-Absent", "now present"))).isFalse();
  }

  @Test
  void anEmptyBodyAndNoHeadersRoundTrip() {
    CachedResponse original = CachedResponse.received(204, Headers.EMPTY, new byte[0], NOW, NOW,
        CachedResponseTest.request(), ImplicitFreshness.ZONE);

    CachedResponse decoded = CODEC.decode(CODEC.encode(original));

    assertThat(decoded.status()).isEqualTo(204);
    assertThat(decoded.headers().size()).isZero();
    assertThat(decoded.body()).isEmpty();
    assertThat(decoded.rules()).isEqualTo(original.rules());
  }

  /** A blob as version 1 of the codec wrote it: the version, the content type, the body. */
  static byte[] version1(String contentType, byte[] body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(1);
      out.writeUTF(contentType);
      out.write(body);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aVersion1BlobReadsAsA200WithItsContentTypeAndBody() {
    byte[] body = "{\"old\":true}".getBytes(StandardCharsets.UTF_8);

    CachedResponse decoded = CODEC.decode(version1("application/json; charset=utf-8", body));

    assertThat(decoded.status()).isEqualTo(200);
    assertThat(decoded.contentType()).isEqualTo("application/json; charset=utf-8");
    assertThat(decoded.headers().size()).isEqualTo(1);
    assertThat(decoded.body()).isEqualTo(body);
    assertThat(decoded.storable()).isTrue();
    assertThat(decoded.rules().baseTtlSeconds()).as("no stated freshness").isEqualTo(-1);
    assertThat(decoded.matches(CachedResponseTest.request("Cookie", "x"))).isTrue();
  }

  @Test
  void anUnknownVersionIsRefusedNamingIt() {
    byte[] blob = CODEC.encode(sample());
    blob[0] = 3;

    assertThatThrownBy(() -> CODEC.decode(blob)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown cached response version 3");
    assertThatThrownBy(() -> CODEC.decode(new byte[] {(byte) 0xff, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown cached response version 255");
  }

  @Test
  void aTruncatedBlobIsRefusedSayingSo() {
    byte[] blob = CODEC.encode(sample());

    for (int length : new int[] {0, 1, 2, 10, 25, 40}) {
      byte[] cut = Arrays.copyOf(blob, length);
      assertThatThrownBy(() -> CODEC.decode(cut)).as("%d bytes", length)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("corrupt cached response")
          .hasMessageContaining("truncated");
    }
    byte[] v1 = Arrays.copyOf(version1("text/plain", new byte[0]), 4);
    assertThatThrownBy(() -> CODEC.decode(v1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void anImplausibleHeaderCountIsRefused() {
    byte[] blob = CODEC.encode(sample());
    // version 1 + status 2 + arrival 8 + age 8: the header count starts at 19.
    blob[19] = (byte) 0x7f;

    assertThatThrownBy(() -> CODEC.decode(blob)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("headers");
  }
}
