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
import dev.oddscache.server.http.ServerSettings;
import dev.oddscache.zone.Zone;
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

    assertThat(s.breaker()).isEqualTo(
        BreakerConfig.from(base.breaker()).window(Duration.ofMinutes(10)).build());
    assertThat(s.withPort(base.port()).withBreaker(base.breaker())).isEqualTo(base);
  }

  @Test
  void zoneTtl_oneZone_keepsTheOthers() {
    ServerSettings s = load("zones: { ttl: { golden: 20s } }");

    assertThat(s.zones().ttlSeconds(Zone.GOLDEN)).isEqualTo(20);
    for (Zone zone : Zone.values()) {
      if (zone != Zone.GOLDEN) {
        assertThat(s.zones().ttlSeconds(zone)).isEqualTo(base.zones().ttlSeconds(zone));
      }
    }
    assertThat(s.zones().prematchHorizon()).isEqualTo(base.zones().prematchHorizon());
  }

  @Test
  void floors_oneCell_keepsTheOthers() {
    ServerSettings s = load("breaker: { floors: { circuit_open: { panic: 15s } } }");

    assertThat(s.breaker().floors()).isEqualTo(BreakerFloors.from(base.breaker().floors())
        .floor(BreakerMode.CIRCUIT_OPEN, Status.PANIC, 15).build());
    assertThat(s.breaker().minSamples()).isEqualTo(base.breaker().minSamples());
  }

  @Test
  void quota_partialRow_keepsRestOfRowAndOtherRows() {
    ServerSettings s = load("quota: { medium: { tier2TtlSeconds: 7, tier3Until: 10m } }");

    QuotaConfig q = s.quota();
    var medium = q.thresholds(Stakes.MEDIUM);
    var baseMedium = base.quota().thresholds(Stakes.MEDIUM);
    assertThat(medium.tier2TtlSeconds()).isEqualTo(7);
    assertThat(medium.tier3Until()).isEqualTo(Duration.ofMinutes(10));
    assertThat(medium.tier1Until()).isEqualTo(baseMedium.tier1Until());
    assertThat(medium.tier2Until()).isEqualTo(baseMedium.tier2Until());
    assertThat(medium.tier1TtlSeconds()).isEqualTo(baseMedium.tier1TtlSeconds());
    assertThat(medium.tier3TtlSeconds()).isEqualTo(baseMedium.tier3TtlSeconds());
    assertThat(medium.tier4TtlSeconds()).isEqualTo(baseMedium.tier4TtlSeconds());
    assertThat(q.thresholds(Stakes.HIGH)).isEqualTo(base.quota().thresholds(Stakes.HIGH));
    assertThat(q.thresholds(Stakes.LOW)).isEqualTo(base.quota().thresholds(Stakes.LOW));
  }

  @Test
  void quota_rowBoundsMovedTogether_areCheckedAsAWhole() {
    // Each bound alone would cross the base's next one; only the finished row is validated.
    ServerSettings s =
        load("quota: { low: { tier1Until: 10h, tier2Until: 20h, tier3Until: 30h } }");

    assertThat(s.quota().thresholds(Stakes.LOW).tier1Until()).isEqualTo(Duration.ofHours(10));
  }

  @Test
  void stakes_oneList_keepsTheOthers() {
    StakesClassifier c = load("stakes: { low: [sunday league] }").stakes();

    assertThat(c.keywords(Stakes.LOW)).containsExactly("sunday league");
    assertThat(c.keywords(Stakes.HIGH)).isEqualTo(base.stakes().keywords(Stakes.HIGH));
    assertThat(c.keywords(Stakes.MEDIUM)).isEqualTo(base.stakes().keywords(Stakes.MEDIUM));
  }

  @Test
  void events_oneEvent_keepsTheOtherRules() {
    ImpactRules r = load("events: { LINEUP: all }").impactRules();

    assertThat(r).isEqualTo(ImpactRules.from(base.impactRules())
        .affectsAllMarkets(EventType.LINEUP).build());
  }
}
