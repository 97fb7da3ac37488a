package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.settings.ImplicitFreshness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stored response: which requests its Vary lets it answer, and how a 304 refreshes it. */
class CachedResponseTest {
  private static final long NOW = Instant.parse("2026-03-01T20:00:00Z").toEpochMilli();
  private static final byte[] BODY = "the body".getBytes(StandardCharsets.UTF_8);

  /** A request's header lines, looked up case-insensitively and joined as a servlet does. */
  static RequestHeaders request(String... nameValues) {
    return name -> {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < nameValues.length; i += 2) {
        if (nameValues[i].equalsIgnoreCase(name)) {
          lines.add(nameValues[i + 1]);
        }
      }
      return lines.isEmpty() ? null : String.join(", ", lines);
    };
  }

  static Headers headers(String... nameValues) {
    Headers.Builder b = Headers.builder();
    for (int i = 0; i < nameValues.length; i += 2) {
      b.add(nameValues[i], nameValues[i + 1]);
    }
    return b.build();
  }

  private static CachedResponse varying(String vary, RequestHeaders request) {
    return CachedResponse.received(200, headers("Cache-Control", "max-age=60", "Vary", vary),
        BODY, NOW, NOW, request, ImplicitFreshness.ZONE);
  }

  @Test
  void theSameVaryValuesMatch() {
    CachedResponse r = varying("Accept-Language", request("Accept-Language", "en"));

    assertThat(r.matches(request("Accept-Language", "en"))).isTrue();
    assertThat(r.matches(request("accept-language", "en", "Cookie", "x=1")))
        .as("other fields do not count").isTrue();
  }

  @Test
  void differentOrAbsentValuesDoNotMatch() {
    CachedResponse r = varying("Accept-Language", request("Accept-Language", "en"));

    assertThat(r.matches(request("Accept-Language", "fr"))).isFalse();
    assertThat(r.matches(request("Accept-Language", "EN"))).isFalse();
    assertThat(r.matches(request())).isFalse();
  }

  @Test
  void aResponseToARequestWithoutTheFieldMatchesOnlyRequestsWithoutIt() {
    CachedResponse r = varying("Cookie", request());

    assertThat(r.matches(request())).isTrue();
    assertThat(r.matches(request("Cookie", "user=alice"))).isFalse();
    assertThat(r.matches(request("Cookie", ""))).as("empty is not absent").isFalse();
  }

  @Test
  void listMembersAreComparedTrimmed() {
    CachedResponse r = varying("Accept-Language", request("Accept-Language", "en, fr"));

    assertThat(r.matches(request("Accept-Language", "en,fr"))).isTrue();
    assertThat(r.matches(request("Accept-Language", " en ,   fr "))).isTrue();
    assertThat(r.matches(request("Accept-Language", "en", "Accept-Language", "fr")))
        .as("two lines are one list").isTrue();
    assertThat(r.matches(request("Accept-Language", "fr, en"))).as("member order counts")
        .isFalse();
  }

  @Test
  void theOrderOfVaryNamesIsIrrelevant() {
    RequestHeaders asked = request("Accept-Encoding", "gzip", "Accept-Language", "en");
    CachedResponse ab = varying("Accept-Encoding, Accept-Language", asked);
    CachedResponse ba = varying("accept-language, ACCEPT-ENCODING", asked);
    RequestHeaders same = request("Accept-Language", "en", "Accept-Encoding", "gzip");
    RequestHeaders other = request("Accept-Language", "en", "Accept-Encoding", "br");

    assertThat(ab.matches(same)).isTrue();
    assertThat(ba.matches(same)).isTrue();
    assertThat(ab.matches(other)).isFalse();
    assertThat(ba.matches(other)).isFalse();
  }

  @Test
  void withoutVaryEveryRequestMatches() {
    CachedResponse r = CachedResponse.received(200, headers("Cache-Control", "max-age=60"),
        BODY, NOW, NOW, request("Cookie", "a"), ImplicitFreshness.ZONE);

    assertThat(r.matches(request("Cookie", "b"))).isTrue();
    assertThat(r.varyValues()).isEmpty();
  }

  @Test
  void receivedDropsAgeAndContentLengthAndReadsTheAgeOnce() {
    CachedResponse r = CachedResponse.received(200, headers("Cache-Control", "max-age=60",
        "Age", "20", "Content-Length", "8", "Content-Type", "text/plain"), BODY, NOW - 1_000,
        NOW, request(), ImplicitFreshness.ZONE);

    assertThat(r.headers().has("Age")).isFalse();
    assertThat(r.headers().has("Content-Length")).isFalse();
    assertThat(r.initialAgeSeconds()).isEqualTo(21);
    assertThat(r.rules().baseTtlSeconds()).isEqualTo(39);
    assertThat(r.contentType()).isEqualTo("text/plain");
  }

  @Test
  void anAuthorizedRequestMakesAPrivateAnswerUnstorable() {
    CachedResponse r = CachedResponse.received(200, headers("Cache-Control", "max-age=60"),
        BODY, NOW, NOW, request("Authorization", "Bearer a"), ImplicitFreshness.ZONE);

    assertThat(r.storable()).isFalse();
    assertThat(r.rules().storable()).isFalse();
  }

  @Test
  void a304UpdatesHeadersButNeverTheBodysOwnAndRestartsTheAge() {
    CachedResponse stored = CachedResponse.received(200, headers(
        "Content-Type", "text/plain", "Content-Encoding", "gzip", "ETag", "\"v1\"",
        "Cache-Control", "max-age=1", "X-Old", "a", "X-Old", "a2", "X-Kept", "k",
        "Age", "100", "Content-Length", "8"), BODY, NOW - 1_000, NOW, request(),
        ImplicitFreshness.ZONE);
    assertThat(stored.initialAgeSeconds()).isEqualTo(101);
    long later = NOW + 60_000;

    CachedResponse refreshed = stored.refreshedBy(headers("Cache-Control", "max-age=60",
        "ETag", "\"v1\"", "Content-Type", "text/html", "Content-Encoding", "br",
        "Content-Length", "0", "X-Old", "b", "X-New", "c", "Age", "5"), later - 2_000, later,
        request(), ImplicitFreshness.ZONE);

    Headers h = refreshed.headers();
    assertThat(h.all("Cache-Control")).containsExactly("max-age=60");
    assertThat(h.all("X-Old")).as("every line of the name replaced").containsExactly("b");
    assertThat(h.all("X-New")).containsExactly("c");
    assertThat(h.all("X-Kept")).containsExactly("k");
    assertThat(h.all("ETag")).containsExactly("\"v1\"");
    assertThat(h.all("Content-Type")).containsExactly("text/plain");
    assertThat(h.all("Content-Encoding")).containsExactly("gzip");
    assertThat(h.has("Content-Length")).isFalse();
    assertThat(h.has("Age")).isFalse();
    assertThat(refreshed.initialAgeSeconds()).as("the 304's Age plus its delay").isEqualTo(7);
    assertThat(refreshed.responseMillis()).isEqualTo(later);
    assertThat(refreshed.rules().baseTtlSeconds()).isEqualTo(53);
    assertThat(refreshed.body()).isEqualTo(BODY);
    assertThat(refreshed.status()).isEqualTo(200);
  }

  @Test
  void a304WithoutAgeStartsTheAgeAtZero() {
    CachedResponse stored = CachedResponse.received(200, headers("ETag", "\"v1\"",
        "Cache-Control", "max-age=1", "Age", "100"), BODY, NOW, NOW, request(),
        ImplicitFreshness.ZONE);

    CachedResponse refreshed = stored.refreshedBy(headers("ETag", "\"v1\""), NOW + 5_000,
        NOW + 5_000, request(), ImplicitFreshness.ZONE);

    assertThat(refreshed.initialAgeSeconds()).isZero();
    assertThat(refreshed.headers().all("Cache-Control")).containsExactly("max-age=1");
  }

  @Test
  void normalisedTrimsMembersAndInnerRunsOfSpaces() {
    assertThat(CachedResponse.normalised(" en ,  fr-CA ")).isEqualTo("en,fr-CA");
    assertThat(CachedResponse.normalised("a  b")).isEqualTo("a b");
    assertThat(CachedResponse.normalised(null)).isNull();
  }
}
