package dev.oddscache.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZonePolicyTest {
  private static final long NOW = Instant.parse("2026-05-01T18:00:00Z").toEpochMilli();
  private final ZonePolicy zones = ZonePolicy.ofDefaults();

  /** Every boundary of the default zone table, from both sides, with the zone's base TTL. */
  @ParameterizedTest(name = "kickoff in {0} -> {1} ({2}s)")
  @CsvSource({
    "P2D,        STANDARD, 300",
    "PT24H0.001S, STANDARD, 300",
    "PT24H,      PREMATCH, 120",
    "PT3H0.001S, PREMATCH, 120",
    "PT3H,       WARMUP,    60",
    "PT1H0.001S, WARMUP,    60",
    "PT1H,       GOLDEN,    15",
    "PT0.001S,   GOLDEN,    15",
    "PT0S,       ACTIVE,    10",
    "PT-1H,      ACTIVE,    10",
    "PT-2H30M,   ACTIVE,    10",
    "PT-2H-30M-0.001S, STANDARD, 300",
    "PT-10H,     STANDARD, 300",
  })
  void zoneOf_followsTheTable(String untilKickoff, Zone expected, long ttlSeconds) {
    long kickoff = NOW + Duration.parse(untilKickoff).toMillis();

    Zone zone = zones.zoneOf(kickoff, NOW);

    assertThat(zone).isEqualTo(expected);
    assertThat(zones.baseTtlSeconds(zone)).isEqualTo(ttlSeconds);
  }

  @Test
  void zoneOf_unknownKickoffIsStandard() {
    assertThat(zones.zoneOf((Instant) null, NOW)).isEqualTo(Zone.STANDARD);
  }

  /** Instants beyond epoch milliseconds (an HTTP client's year +999999999) must not overflow. */
  @Test
  void zoneOf_extremeKickoffsAreStandard() {
    assertThat(zones.zoneOf(Instant.MAX, NOW)).isEqualTo(Zone.STANDARD);
    assertThat(zones.zoneOf(Instant.MIN, NOW)).isEqualTo(Zone.STANDARD);
    assertThat(zones.zoneOf(Instant.parse("+999999999-12-31T23:59:59Z"), NOW))
        .isEqualTo(Zone.STANDARD);
    assertThat(zones.zoneOf(Instant.ofEpochSecond(Long.MAX_VALUE / 1000 / 4), NOW))
        .isEqualTo(Zone.STANDARD);
  }

  @Test
  void customBoundariesAndTtls() {
    ZonePolicy custom = new ZonePolicy(ZoneConfig.custom()
        .goldenHorizon(Duration.ofMinutes(30))
        .inPlayDuration(Duration.ofHours(2))
        .ttl(Zone.GOLDEN, Duration.ofSeconds(5))
        .build());

    assertThat(custom.zoneOf(NOW + Duration.ofMinutes(45).toMillis(), NOW)).isEqualTo(Zone.WARMUP);
    assertThat(custom.zoneOf(NOW + Duration.ofMinutes(30).toMillis(), NOW)).isEqualTo(Zone.GOLDEN);
    assertThat(custom.zoneOf(NOW - Duration.ofMinutes(121).toMillis(), NOW)).isEqualTo(Zone.STANDARD);
    assertThat(custom.baseTtlSeconds(Zone.GOLDEN)).isEqualTo(5);
    assertThat(custom.baseTtlSeconds(Zone.ACTIVE)).isEqualTo(10);
  }

  @Test
  void from_copiesEverything() {
    ZoneConfig base = ZoneConfig.custom().ttl(Zone.WARMUP, Duration.ofSeconds(42)).build();
    ZoneConfig copy = ZoneConfig.from(base).build();
    assertThat(copy.ttlSeconds(Zone.WARMUP)).isEqualTo(42);
    assertThat(copy.toString()).isEqualTo(base.toString());
  }

  @Test
  void builder_rejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> ZoneConfig.custom().ttl(Zone.GOLDEN, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ttl.golden").hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> ZoneConfig.custom().ttl(Zone.GOLDEN, Duration.ofMillis(1500)))
        .hasMessageContaining("whole seconds");
    assertThatThrownBy(() -> ZoneConfig.custom().goldenHorizon(Duration.ZERO))
        .hasMessageContaining("goldenHorizon");
    assertThatThrownBy(() -> ZoneConfig.custom().goldenHorizon(Duration.ofHours(4)).build())
        .hasMessageContaining("goldenHorizon must be shorter than warmupHorizon");
    assertThatThrownBy(() -> ZoneConfig.custom().warmupHorizon(Duration.ofHours(30)).build())
        .hasMessageContaining("warmupHorizon must be shorter than prematchHorizon");
  }
}
