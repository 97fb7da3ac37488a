package dev.oddscache.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.cache.ValueRules;
import dev.oddscache.server.settings.ImplicitFreshness;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A response's freshness, age, storability and reuse rules as a shared cache reads them. */
class ResponseFreshnessTest {
  private static final long NOW = Instant.parse("2026-03-01T20:00:00Z").toEpochMilli();

  private static Headers headers(String... nameValues) {
    Headers.Builder b = Headers.builder();
    for (int i = 0; i < nameValues.length; i += 2) {
      b.add(nameValues[i], nameValues[i + 1]);
    }
    return b.build();
  }

  private static long lifetime(Headers h) {
    return ResponseFreshness.lifetimeSeconds(h, Directives.ofResponse(h), NOW);
  }

  private static String date(long millis) {
    return HttpDates.format(millis);
  }

  // --- lifetime ---

  @Test
  void sMaxAgeWinsOverMaxAgeWhichWinsOverExpires() {
    String expires = date(NOW + 900_000);
    assertThat(lifetime(headers("Cache-Control", "max-age=100, s-maxage=200",
        "Expires", expires, "Date", date(NOW)))).isEqualTo(200);
    assertThat(lifetime(headers("Cache-Control", "max-age=100",
        "Expires", expires, "Date", date(NOW)))).isEqualTo(100);
    assertThat(lifetime(headers("Expires", expires, "Date", date(NOW)))).isEqualTo(900);
  }

  @Test
  void anInvalidDirectiveThatAppliesMeansAlreadyStale() {
    assertThat(lifetime(headers("Cache-Control", "max-age=abc",
        "Expires", date(NOW + 900_000)))).isZero();
    assertThat(lifetime(headers("Cache-Control", "s-maxage=-1, max-age=60"))).isZero();
  }

  @Test
  void expiresIsCountedFromDateOrFromArrivalWithoutOne() {
    assertThat(lifetime(headers("Expires", date(NOW + 300_000),
        "Date", date(NOW - 60_000)))).as("Expires - Date").isEqualTo(360);
    assertThat(lifetime(headers("Expires", date(NOW + 120_000)))).as("no Date").isEqualTo(120);
    assertThat(lifetime(headers("Expires", date(NOW + 120_000), "Date", "yesterday")))
        .as("a Date that does not parse").isEqualTo(120);
    assertThat(lifetime(headers("Expires", date(NOW - 120_000)))).as("in the past").isZero();
  }

  @Test
  void anInvalidExpiresOrSeveralExpiresLinesMeanAlreadyStale() {
    assertThat(lifetime(headers("Expires", "0"))).isZero();
    assertThat(lifetime(headers("Expires", "Sun, 06 Nov 94 08:49:37 GMT"))).isZero();
    assertThat(lifetime(headers("Expires", date(NOW + 300_000),
        "Expires", date(NOW + 300_000)))).isZero();
  }

  @Test
  void noFreshnessStatedIsMinusOne() {
    assertThat(lifetime(headers("Cache-Control", "public", "Date", date(NOW)))).isEqualTo(-1);
    assertThat(lifetime(Headers.EMPTY)).isEqualTo(-1);
  }

  @Test
  void aValidCdnCacheControlReplacesCacheControlAndExpires() {
    assertThat(lifetime(headers("CDN-Cache-Control", "max-age=600",
        "Cache-Control", "max-age=10", "Expires", date(NOW + 30_000)))).isEqualTo(600);
    assertThat(lifetime(headers("CDN-Cache-Control", "public",
        "Cache-Control", "max-age=10", "Expires", date(NOW + 30_000))))
        .as("neither Cache-Control nor Expires counts").isEqualTo(-1);
    assertThat(lifetime(headers("CDN-Cache-Control", "MaX-aGe=600",
        "Cache-Control", "max-age=10"))).as("an invalid one is ignored").isEqualTo(10);
    assertThat(lifetime(headers("CDN-Cache-Control", "max-age=600,",
        "Expires", date(NOW + 30_000)))).as("an invalid one is ignored").isEqualTo(30);
  }

  // --- initial age ---

  private static long initialAge(Headers h, long requestMillis, long responseMillis) {
    return ResponseFreshness.initialAgeSeconds(h, requestMillis, responseMillis);
  }

  @Test
  void initialAgeIsTheApparentAgeFromDate() {
    assertThat(initialAge(headers("Date", date(NOW - 10_000)), NOW, NOW)).isEqualTo(10);
    assertThat(initialAge(headers("Date", date(NOW + 10_000)), NOW, NOW))
        .as("a Date in the future is age 0").isZero();
  }

  @Test
  void initialAgeIsTheLargerOfApparentAgeAndAgePlusTheRequestDelay() {
    assertThat(initialAge(headers("Date", date(NOW - 10_000), "Age", "30"), NOW - 2_000, NOW))
        .isEqualTo(32);
    assertThat(initialAge(headers("Date", date(NOW - 50_000), "Age", "30"), NOW - 2_000, NOW))
        .isEqualTo(50);
    assertThat(initialAge(Headers.EMPTY, NOW - 3_000, NOW)).as("delay alone").isEqualTo(3);
  }

  @Test
  void initialAgeIsInWholeSeconds() {
    assertThat(initialAge(headers("Date", date(NOW)), NOW, NOW + 10_900)).isEqualTo(10);
    assertThat(initialAge(headers("Age", "5"), NOW, NOW + 1_500)).isEqualTo(6);
  }

  @Test
  void ageIsReadFromItsFirstLinesFirstMemberAsDigitsOnly() {
    assertThat(initialAge(headers("Age", "abc"), NOW, NOW)).isZero();
    assertThat(initialAge(headers("Age", "-7200"), NOW, NOW)).isZero();
    assertThat(initialAge(headers("Age", "7200.0"), NOW, NOW)).isZero();
    assertThat(initialAge(headers("Age", ""), NOW, NOW)).isZero();
    assertThat(initialAge(headers("Age", "0, 7200"), NOW, NOW)).isZero();
    assertThat(initialAge(headers("Age", "7200, 0"), NOW, NOW)).isEqualTo(7200);
    assertThat(initialAge(headers("Age", " 7200 "), NOW, NOW)).isEqualTo(7200);
    assertThat(initialAge(headers("Age", "0", "Age", "7200"), NOW, NOW)).isZero();
    assertThat(initialAge(headers("Age", "7200", "Age", "0"), NOW, NOW)).isEqualTo(7200);
  }

  @Test
  void hugeAgesAreCapped() {
    assertThat(initialAge(headers("Age", "2147483648"), NOW, NOW)).isEqualTo(2_147_483_648L);
    assertThat(initialAge(headers("Age", "2147483649"), NOW, NOW)).isEqualTo(2_147_483_648L);
    assertThat(initialAge(headers("Age", "99999999999999999999"), NOW, NOW))
        .isEqualTo(2_147_483_648L);
    assertThat(initialAge(headers("Age", "000000000000030"), NOW, NOW))
        .as("leading zeros are not a huge age").isEqualTo(30);
  }

  // --- storable ---

  private static boolean storable(int status, Headers h, boolean authorized,
      ImplicitFreshness implicit) {
    Directives cc = Directives.ofResponse(h);
    boolean explicit = ResponseFreshness.lifetimeSeconds(h, cc, NOW) >= 0;
    return ResponseFreshness.storable(status, h, cc, authorized, implicit, explicit);
  }

  private static boolean storable(int status, Headers h) {
    return storable(status, h, false, ImplicitFreshness.ZONE);
  }

  @Test
  void noStorePrivateAndVaryStarAreNeverStored() {
    assertThat(storable(200, headers("Cache-Control", "max-age=60"))).isTrue();
    assertThat(storable(200, headers("Cache-Control", "max-age=60, no-store"))).isFalse();
    assertThat(storable(200, headers("Cache-Control", "max-age=60, private"))).isFalse();
    assertThat(storable(200, headers("Cache-Control", "private=\"Set-Cookie\", max-age=60")))
        .isFalse();
    assertThat(storable(200, headers("Cache-Control", "max-age=60", "Vary", "*"))).isFalse();
    assertThat(storable(200, headers("Cache-Control", "max-age=60", "Vary", "Accept, *")))
        .isFalse();
    assertThat(storable(200, headers("Cache-Control", "max-age=60", "Vary", "Accept",
        "Vary", "*"))).isFalse();
  }

  @Test
  void anAuthorizedRequestsAnswerIsStoredOnlyWithPublicSMaxAgeOrMustRevalidate() {
    assertThat(storable(200, headers("Cache-Control", "max-age=60"), true,
        ImplicitFreshness.ZONE)).isFalse();
    assertThat(storable(200, Headers.EMPTY, true, ImplicitFreshness.ZONE)).isFalse();
    assertThat(storable(200, headers("Cache-Control", "public, max-age=60"), true,
        ImplicitFreshness.ZONE)).isTrue();
    assertThat(storable(200, headers("Cache-Control", "s-maxage=60"), true,
        ImplicitFreshness.ZONE)).isTrue();
    assertThat(storable(200, headers("Cache-Control", "max-age=60, must-revalidate"), true,
        ImplicitFreshness.ZONE)).isTrue();
  }

  @Test
  void mustUnderstandLetsAnUnderstoodStatusBeStoredDespiteNoStore() {
    assertThat(storable(200, headers("Cache-Control", "no-store, must-understand"))).isTrue();
    assertThat(storable(200, headers("Cache-Control", "max-age=60, no-store, must-understand"),
        false, ImplicitFreshness.NONE)).isTrue();
    assertThat(storable(599, headers("Cache-Control", "max-age=60, no-store, must-understand")))
        .isFalse();
    assertThat(storable(599, headers("Cache-Control", "no-store, must-understand"))).isFalse();
  }

  @Test
  void partialNotModifiedAndInformationalAnswersAreNeverStored() {
    assertThat(storable(206, headers("Cache-Control", "max-age=60"))).isFalse();
    assertThat(storable(304, headers("Cache-Control", "max-age=60"))).isFalse();
    assertThat(storable(103, headers("Cache-Control", "max-age=60"))).isFalse();
  }

  @Test
  void withoutExplicitFreshnessNoneStoresNothing() {
    for (int status : new int[] {200, 404, 301}) {
      assertThat(storable(status, Headers.EMPTY, false, ImplicitFreshness.NONE))
          .as("status %d", status).isFalse();
    }
    assertThat(storable(200, headers("Cache-Control", "max-age=60"), false,
        ImplicitFreshness.NONE)).isTrue();
    assertThat(storable(200, headers("Expires", date(NOW + 60_000)), false,
        ImplicitFreshness.NONE)).isTrue();
  }

  @Test
  void withoutExplicitFreshnessZoneStoresHeuristicallyCacheableStatusesOnly() {
    for (int status : new int[] {200, 203, 204, 300, 301, 308, 404, 405, 410, 414, 501}) {
      assertThat(storable(status, Headers.EMPTY)).as("status %d", status).isTrue();
    }
    for (int status : new int[] {201, 302, 303, 307, 400, 403, 500, 502, 503}) {
      assertThat(storable(status, Headers.EMPTY)).as("status %d", status).isFalse();
    }
    assertThat(storable(302, headers("Cache-Control", "public"))).as("public").isTrue();
    assertThat(storable(302, headers("Cache-Control", "max-age=60"))).as("explicit").isTrue();
  }

  @Test
  void noCacheWithAValidatorIsStoredEvenUnderNone() {
    assertThat(storable(200, headers("Cache-Control", "no-cache", "ETag", "\"v1\""), false,
        ImplicitFreshness.NONE)).isTrue();
    assertThat(storable(200, headers("Cache-Control", "no-cache",
        "Last-Modified", date(NOW - 60_000)), false, ImplicitFreshness.NONE)).isTrue();
    assertThat(storable(200, headers("Cache-Control", "no-cache"), false,
        ImplicitFreshness.NONE)).as("nothing to revalidate with").isFalse();
  }

  // --- rules ---

  private static ValueRules rules(String cacheControl, long lifetime, long initialAge) {
    return ResponseFreshness.rules(Directives.parse(cacheControl), lifetime, initialAge, true);
  }

  @Test
  void theBaseTtlIsTheLifetimeLessTheInitialAgeNeverBelowZero() {
    assertThat(rules("max-age=100", 100, 30).baseTtlSeconds()).isEqualTo(70);
    assertThat(rules("max-age=100", 100, 130).baseTtlSeconds()).isZero();
    assertThat(rules("max-age=100", 100, 30).revalidate()).isFalse();
    assertThat(rules("", -1, 30).baseTtlSeconds()).as("implicit").isEqualTo(-1);
  }

  @Test
  void noCacheHasATtlOfZeroAndIsRevalidated() {
    ValueRules r = rules("no-cache, max-age=100", 100, 0);

    assertThat(r.baseTtlSeconds()).isZero();
    assertThat(r.revalidate()).isTrue();
    assertThat(r.staleWindowMillis()).isZero();
    assertThat(rules("no-cache", -1, 0).baseTtlSeconds()).isZero();
    assertThat(rules("no-cache", -1, 0).staleWindowMillis()).isZero();
  }

  @Test
  void mustRevalidateProxyRevalidateAndSMaxAgeRevalidate() {
    assertThat(rules("max-age=60, must-revalidate", 60, 0).revalidate()).isTrue();
    assertThat(rules("max-age=60, proxy-revalidate", 60, 0).revalidate()).isTrue();
    assertThat(rules("s-maxage=60", 60, 0).revalidate()).isTrue();
    assertThat(rules("max-age=60, public", 60, 0).revalidate()).isFalse();
  }

  @Test
  void staleDirectivesGiveWindowsInMillis() {
    ValueRules r = rules("max-age=60, stale-while-revalidate=30, stale-if-error=600", 60, 0);

    assertThat(r.staleWindowMillis()).isEqualTo(30_000);
    assertThat(r.staleIfErrorMillis()).isEqualTo(600_000);
    assertThat(rules("stale-while-revalidate=30", -1, 0).staleWindowMillis())
        .as("implicit freshness with swr").isEqualTo(30_000);
  }

  @Test
  void withoutSwrExplicitFreshnessHasNoStaleWindowAndImplicitUsesTheConfigs() {
    assertThat(rules("max-age=60", 60, 0).staleWindowMillis()).isZero();
    assertThat(rules("", -1, 0).staleWindowMillis()).isEqualTo(-1);
    assertThat(rules("max-age=60", 60, 0).staleIfErrorMillis()).isEqualTo(-1);
    assertThat(rules("max-age=60, stale-while-revalidate=abc", 60, 0).staleWindowMillis())
        .as("an invalid swr is none").isZero();
  }

  @Test
  void storableIsCarriedIntoTheRules() {
    assertThat(ResponseFreshness.rules(Directives.NONE, 60, 0, false).storable()).isFalse();
    assertThat(ResponseFreshness.rules(Directives.NONE, 60, 0, true).storable()).isTrue();
  }

  @Test
  void varyNamesAreLowerCaseDeduplicatedAcrossLines() {
    assertThat(ResponseFreshness.varyNames(headers("Vary", "Accept-Encoding, Cookie",
        "vary", "cookie,  ACCEPT-LANGUAGE"))).containsExactly("accept-encoding", "cookie",
        "accept-language");
    assertThat(ResponseFreshness.varyNames(Headers.EMPTY)).isEmpty();
  }
}
