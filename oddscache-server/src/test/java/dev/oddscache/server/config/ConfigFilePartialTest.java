package dev.oddscache.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.zone.Zone;
import dev.oddscache.zone.ZoneConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a file does not mention keeps the base value, at every level of nesting. */
class ConfigFilePartialTest {
  @TempDir Path dir;

  /** A base that is not the defaults, as when the command line or an earlier layer set values. */
  private final ServerSettings base = ConfigFileDefaultsTest.everywhereDifferent();

  private ServerSettings load(String yaml) {
    return ConfigFile.load(ConfigFiles.write(dir, "partial.yml", yaml), base);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "# only a comment\n", "---\n", "cache:\n", "server: ~\nvix: {}\n"})
  void nothingToApply_keepsBase(String yaml) {
    assertThat(load(yaml)).isEqualTo(base);
  }

  @Test
  void oneKey_changesOnlyThatKey() {
    ServerSettings s = load("breaker: { window: 10m }\nserver: { port: 1234 }\n");

    assertThat(s.policy().breaker()).isEqualTo(
        BreakerConfig.from(base.policy().breaker()).window(Duration.ofMinutes(10)).build());
    assertThat(s.network().port()).isEqualTo(1234);
    assertThat(ServerSettings.from(s).network(n -> n.port(base.network().port()))
        .policy(p -> p.breaker(base.policy().breaker())).build()).isEqualTo(base);
  }

  @Test
  void zoneTtl_oneZone_keepsTheOthers() {
    ZoneConfig zones = load("zones: { ttl: { golden: 20s } }").policy().zones();
    ZoneConfig baseZones = base.policy().zones();

    assertThat(zones.ttlSeconds(Zone.GOLDEN)).isEqualTo(20);
    for (Zone zone : Zone.values()) {
      if (zone != Zone.GOLDEN) {
        assertThat(zones.ttlSeconds(zone)).isEqualTo(baseZones.ttlSeconds(zone));
      }
    }
    assertThat(zones.prematchHorizon()).isEqualTo(baseZones.prematchHorizon());
  }

  @Test
  void floors_oneCell_keepsTheOthers() {
    BreakerConfig breaker =
        load("breaker: { floors: { circuit_open: { panic: 15s } } }").policy().breaker();
    BreakerConfig baseBreaker = base.policy().breaker();

    assertThat(breaker.floors()).isEqualTo(BreakerFloors.from(baseBreaker.floors())
        .floor(BreakerMode.CIRCUIT_OPEN, Status.PANIC, 15).build());
    assertThat(breaker.minSamples()).isEqualTo(baseBreaker.minSamples());
  }

  @Test
  void quota_partialRow_keepsRestOfRowAndOtherRows() {
    ServerSettings s = load("quota: { medium: { tier2TtlSeconds: 7, tier3Until: 10m } }");

    QuotaConfig q = s.policy().quota();
    var medium = q.thresholds(Stakes.MEDIUM);
    var baseMedium = base.policy().quota().thresholds(Stakes.MEDIUM);
    assertThat(medium.tier2TtlSeconds()).isEqualTo(7);
    assertThat(medium.tier3Until()).isEqualTo(Duration.ofMinutes(10));
    assertThat(medium.tier1Until()).isEqualTo(baseMedium.tier1Until());
    assertThat(medium.tier2Until()).isEqualTo(baseMedium.tier2Until());
    assertThat(medium.tier1TtlSeconds()).isEqualTo(baseMedium.tier1TtlSeconds());
    assertThat(medium.tier3TtlSeconds()).isEqualTo(baseMedium.tier3TtlSeconds());
    assertThat(medium.tier4TtlSeconds()).isEqualTo(baseMedium.tier4TtlSeconds());
    QuotaConfig baseQuota = base.policy().quota();
    assertThat(q.thresholds(Stakes.HIGH)).isEqualTo(baseQuota.thresholds(Stakes.HIGH));
    assertThat(q.thresholds(Stakes.LOW)).isEqualTo(baseQuota.thresholds(Stakes.LOW));
  }

  @Test
  void quota_rowBoundsMovedTogether_areCheckedAsAWhole() {
    // Each bound alone would cross the base's next one; only the finished row is validated.
    ServerSettings s =
        load("quota: { low: { tier1Until: 10h, tier2Until: 20h, tier3Until: 30h } }");

    assertThat(s.policy().quota().thresholds(Stakes.LOW).tier1Until())
        .isEqualTo(Duration.ofHours(10));
  }

  @Test
  void stakes_oneList_keepsTheOthers() {
    StakesClassifier c = load("stakes: { low: [sunday league] }").policy().stakes();
    StakesClassifier baseStakes = base.policy().stakes();

    assertThat(c.keywords(Stakes.LOW)).containsExactly("sunday league");
    assertThat(c.keywords(Stakes.HIGH)).isEqualTo(baseStakes.keywords(Stakes.HIGH));
    assertThat(c.keywords(Stakes.MEDIUM)).isEqualTo(baseStakes.keywords(Stakes.MEDIUM));
  }

  @Test
  void events_oneEvent_keepsTheOtherRules() {
    ImpactRules r = load("events: { LINEUP: all }").policy().impactRules();

    assertThat(r).isEqualTo(ImpactRules.from(base.policy().impactRules())
        .affectsAllMarkets(EventType.LINEUP).build());
  }
}
