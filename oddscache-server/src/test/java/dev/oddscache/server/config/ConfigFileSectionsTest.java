package dev.oddscache.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.redis.testing.JdkCaCertificate;
import dev.oddscache.redis.testing.KeytoolCertificate;
import dev.oddscache.server.settings.ConnectionLimits;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.settings.StoreSettings;
import dev.oddscache.stats.Quantiles;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.zone.Zone;
import dev.oddscache.zone.ZoneConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every key of every section reaches the settings. */
class ConfigFileSectionsTest {
  @TempDir Path dir;

  private ServerSettings load(String yaml) {
    return ConfigFile.load(ConfigFiles.write(dir, "oddscache.yml", yaml),
        ServerSettings.ofDefaults());
  }

  @Test
  void server_setsEveryKey() {
    ServerSettings s = load("""
        server:
          bind: 0.0.0.0
          port: 9090
          upstream: "http://localhost:9000/api"
          upstreamTimeout: 3s
          maxBodyBytes: 2048
          maxKeyBytes: 256
          maxStoreEntries: 5000
          headerTimeout: 4s
          idleTimeout: 90s
          maxConnections: 200
        """);

    assertThat(s.network().bind()).isEqualTo("0.0.0.0");
    assertThat(s.network().port()).isEqualTo(9090);
    assertThat(s.proxy().upstream()).isEqualTo(URI.create("http://localhost:9000/api"));
    assertThat(s.proxy().upstreamTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.network().maxBodyBytes()).isEqualTo(2048);
    assertThat(s.proxy().maxKeyBytes()).isEqualTo(256);
    assertThat(s.store().maxEntries()).isEqualTo(5000);
    assertThat(s.network().connections()).isEqualTo(new ConnectionLimits(Duration.ofSeconds(4),
        Duration.ofSeconds(90), 200));
  }

  @Test
  void redis_setsEveryKey() {
    Path ca = JdkCaCertificate.writePem(dir);
    KeytoolCertificate client = KeytoolCertificate.create(dir, "client", "EC", "clientAuth");
    ServerSettings s = load("""
        redis:
          uri: "rediss-cluster://a:7000,b:7001"
          prefix: oc-test
          commandTimeout: 80ms
          tlsCaCert: "%s"
          tlsClientCert: "%s"
          tlsClientKey: "%s"
          nearCache: true
          lease: true
        """.formatted(ca, client.certificate(), client.key()));

    StoreSettings store = s.store();
    assertThat(store.redisUri()).isEqualTo("rediss-cluster://a:7000,b:7001");
    assertThat(store.redisPrefix()).isEqualTo("oc-test");
    assertThat(store.redisCommandTimeout()).isEqualTo(Duration.ofMillis(80));
    assertThat(store.redisTlsCaCert()).isEqualTo(ca);
    assertThat(store.redisSettings().tlsCaCertificate()).contains(ca);
    assertThat(store.redisTlsClientCert()).isEqualTo(client.certificate());
    assertThat(store.redisTlsClientKey()).isEqualTo(client.key());
    assertThat(store.redisSettings().tlsClientCertificate()).contains(client.certificate());
    assertThat(store.redisSettings().tlsClientKey()).contains(client.key());
    assertThat(store.nearCache()).isTrue();
    assertThat(store.lease()).isTrue();
  }

  @Test
  void cache_deprecatedPercentiles_isSummaryOrNone_andQuantilesWins() {
    assertThat(load("cache: { percentiles: true }").policy().cache().quantiles())
        .isEqualTo(Quantiles.SUMMARY);
    assertThat(load("cache: { percentiles: false }").policy().cache().quantiles())
        .isEqualTo(Quantiles.NONE);
    assertThat(load("cache: { quantiles: none, percentiles: true }").policy().cache()
        .quantiles()).isEqualTo(Quantiles.NONE);
    assertThat(load("cache: { quantiles: HISTOGRAM }").policy().cache().quantiles())
        .isEqualTo(Quantiles.HISTOGRAM);
  }

  @Test
  void cache_setsEveryKey() {
    OddsCacheConfig c = load("""
        cache:
          enabled: false
          maxConcurrentLoads: 8
          maxStaleOnOverload: 30s
          loadQueueTimeout: 500ms
          staleIfError: 10m
          staleWindow: 5s
          latencySampleRate: 0.25
          quantiles: Summary
          leaseTime: 3s
          leaseWait: 200ms
          leasePollInterval: PT0.01S
        """).policy().cache();

    assertThat(c.enabled()).isFalse();
    assertThat(c.maxConcurrentLoads()).isEqualTo(8);
    assertThat(c.maxStaleOnOverload()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.loadQueueTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.staleIfError()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.staleWindow()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.latencySampleRate()).isEqualTo(0.25);
    assertThat(c.quantiles()).isEqualTo(Quantiles.SUMMARY);
    assertThat(c.leaseTime()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.leaseWait()).isEqualTo(Duration.ofMillis(200));
    assertThat(c.leasePollInterval()).isEqualTo(Duration.ofMillis(10));
  }

  @Test
  void cache_staleWindowNull_restoresTheTtlRule() {
    ServerSettings base = ServerSettings.custom().policy(p -> p.cache(
        OddsCacheConfig.custom().staleWindow(Duration.ofSeconds(9)).build())).build();

    ServerSettings s = ConfigFile.load(
        ConfigFiles.write(dir, "c.yml", "cache: { staleWindow: null }"), base);

    assertThat(s.policy().cache().staleWindow()).isNull();
    assertThat(s.policy().cache().staleWindowMillis(0)).isEqualTo(1000);
  }

  @Test
  void vix_setsEveryKey() {
    ServerSettings s = load("""
        vix: { alpha: 0.1, sigmaMin: 0.02, warmupTicks: 5, jumpThreshold: 0.2,
               panicSigma: 3, warningSigma: 2.5, hold: 1m30s, evictIdleAfter: 12h }
        """);
    VixConfig v = s.vix().detector();

    assertThat(v.alpha()).isEqualTo(0.1);
    assertThat(v.sigmaMin()).isEqualTo(0.02);
    assertThat(v.warmupTicks()).isEqualTo(5);
    assertThat(v.jumpThreshold()).isEqualTo(0.2);
    assertThat(v.panicSigma()).isEqualTo(3.0);
    assertThat(v.warningSigma()).isEqualTo(2.5);
    assertThat(v.hold()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.vix().evictIdleAfter()).isEqualTo(Duration.ofHours(12));
  }

  @Test
  void vix_holdAndIdleHorizonMovedTogether_areCheckedAsAWhole() {
    ServerSettings s = load("vix: { hold: 8h, evictIdleAfter: 24h }");

    assertThat(s.vix().detector().hold()).isEqualTo(Duration.ofHours(8));
    assertThat(s.vix().evictIdleAfter()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void zones_setsEveryKey_bareTtlIsSeconds() {
    ZoneConfig z = load("""
        zones:
          prematchHorizon: 12h
          warmupHorizon: 2h
          goldenHorizon: 30m
          inPlayDuration: 1h45m
          ttl: { standard: 600, prematch: 90s, warmup: 1m, golden: 10s, active: 5 }
        """).policy().zones();

    assertThat(z.prematchHorizon()).isEqualTo(Duration.ofHours(12));
    assertThat(z.warmupHorizon()).isEqualTo(Duration.ofHours(2));
    assertThat(z.goldenHorizon()).isEqualTo(Duration.ofMinutes(30));
    assertThat(z.inPlayDuration()).isEqualTo(Duration.ofMinutes(105));
    assertThat(z.ttlSeconds(Zone.STANDARD)).isEqualTo(600);
    assertThat(z.ttlSeconds(Zone.PREMATCH)).isEqualTo(90);
    assertThat(z.ttlSeconds(Zone.WARMUP)).isEqualTo(60);
    assertThat(z.ttlSeconds(Zone.GOLDEN)).isEqualTo(10);
    assertThat(z.ttlSeconds(Zone.ACTIVE)).isEqualTo(5);
  }

  @Test
  void breaker_setsEveryKeyAndFloorCells() {
    BreakerConfig b = load("""
        breaker:
          window: 10m
          minSamples: 100
          enterHighVolatility: 0.6
          exitHighVolatility: 0.4
          openCircuit: 0.9
          closeCircuit: 0.7
          floors:
            normal: { warning: 1 }
            high_volatility: { panic: 7, warning: 12s }
            CIRCUIT-OPEN: { NORMAL: 2m }
        """).policy().breaker();

    assertThat(b.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(b.minSamples()).isEqualTo(100);
    assertThat(b.enterHighVolatility()).isEqualTo(0.6);
    assertThat(b.exitHighVolatility()).isEqualTo(0.4);
    assertThat(b.openCircuit()).isEqualTo(0.9);
    assertThat(b.closeCircuit()).isEqualTo(0.7);
    assertThat(b.floors().floorSeconds(BreakerMode.NORMAL, Status.WARNING)).isEqualTo(1);
    assertThat(b.floors().floorSeconds(BreakerMode.HIGH_VOLATILITY, Status.PANIC)).isEqualTo(7);
    assertThat(b.floors().floorSeconds(BreakerMode.HIGH_VOLATILITY, Status.WARNING)).isEqualTo(12);
    assertThat(b.floors().floorSeconds(BreakerMode.CIRCUIT_OPEN, Status.NORMAL)).isEqualTo(120);
  }

  @Test
  void quota_setsEveryKeyOfARow() {
    QuotaConfig q = load("""
        quota:
          high:
            tier1Until: 2h
            tier2Until: 4h
            tier3Until: 8h
            tier1TtlSeconds: 1
            tier2TtlSeconds: 10s
            tier3TtlSeconds: 40
            tier4TtlSeconds: 2m
        """).policy().quota();

    assertThat(q.thresholds(Stakes.HIGH)).isEqualTo(new QuotaThresholds(Stakes.HIGH,
        Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), 1, 10, 40, 120));
  }

  @Test
  void stakes_listReplacesKeywords_emptyListDisables() {
    StakesClassifier c = load("""
        stakes:
          high: ["Cup Final", derby]
          medium: []
        """).policy().stakes();

    assertThat(c.keywords(Stakes.HIGH)).containsExactly("cup final", "derby");
    assertThat(c.keywords(Stakes.MEDIUM)).isEmpty();
    assertThat(c.classify("Ligue 1", "Derby du Nord")).isEqualTo(Stakes.HIGH);
    assertThat(c.classify("Premier League", null)).isEqualTo(Stakes.LOW);
  }

  @Test
  void panicClock_setsEveryKey() {
    PanicClockConfig p = load("""
        panicClock: { deadMansSwitch: 12h, refreshInterval: 30s, calmGrace: 10s }
        """).policy().panicClock();

    assertThat(p.deadMansSwitch()).isEqualTo(Duration.ofHours(12));
    assertThat(p.refreshInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.calmGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void events_listReplacesFamilies_allMeansEveryMarket() {
    ImpactRules r = load("""
        events:
          GOAL: [1x2, Over_Under]
          corner: all
          red-card: [cards]
          YELLOW_CARD: []
        """).policy().impactRules();

    assertThat(r.families(EventType.GOAL)).containsExactly("1x2", "over_under");
    assertThat(r.affects(EventType.GOAL, "over_under_25", null)).isTrue();
    assertThat(r.affects(EventType.GOAL, "btts", null)).isFalse();
    assertThat(r.affectsAllMarkets(EventType.CORNER)).isTrue();
    assertThat(r.affectsAllMarkets(EventType.RED_CARD)).isFalse();
    assertThat(r.families(EventType.RED_CARD)).containsExactly("cards");
    assertThat(r.affects(EventType.YELLOW_CARD, "cards", null)).isFalse();
    assertThat(r.families(EventType.PENALTY)).isEqualTo(ImpactRules.DEFAULT_GOAL_FAMILIES);
  }
}
