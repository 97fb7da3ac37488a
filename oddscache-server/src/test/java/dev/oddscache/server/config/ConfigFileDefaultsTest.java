package dev.oddscache.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.server.http.ConnectionLimits;
import dev.oddscache.server.http.ServerSettings;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.zone.Zone;
import dev.oddscache.zone.ZoneConfig;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code examples/oddscache.yml} spells out every default, and nothing else. */
class ConfigFileDefaultsTest {
  @TempDir Path dir;

  @Test
  void example_onDefaults_isDefaults() {
    assertThat(ConfigFile.load(ConfigFiles.EXAMPLE, ServerSettings.defaults()))
        .isEqualTo(ServerSettings.defaults());
  }

  /**
   * Loaded over settings that differ from the defaults everywhere, the example must give the
   * defaults back: so it holds every setting, and every setting it holds is applied.
   */
  @Test
  void example_onDifferentBase_restoresEverySetting() {
    ServerSettings different = everywhereDifferent();
    for (RecordComponent c : ServerSettings.class.getRecordComponents()) {
      if (!Set.of("ingestToken", "adminToken").contains(c.getName())) {
        assertThat(value(c, different)).as(c.getName())
            .isNotEqualTo(value(c, ServerSettings.defaults()));
      }
    }

    assertThat(ConfigFile.load(ConfigFiles.EXAMPLE, different))
        .isEqualTo(ServerSettings.defaults());
  }

  @Test
  void example_asJson_isDefaults() throws Exception {
    Object tree = new ObjectMapper(new YAMLFactory())
        .readValue(ConfigFiles.EXAMPLE.toFile(), Object.class);
    Path json = dir.resolve("oddscache.json");
    new ObjectMapper().writeValue(json.toFile(), tree);

    assertThat(ConfigFile.load(json, everywhereDifferent())).isEqualTo(ServerSettings.defaults());
  }

  @Test
  void example_keepsTokensOfBase() {
    ServerSettings base = ServerSettings.defaults().withTokens("in", "ad");

    ServerSettings loaded = ConfigFile.load(ConfigFiles.EXAMPLE, base);

    assertThat(loaded.ingestToken()).isEqualTo("in");
    assertThat(loaded.adminToken()).isEqualTo("ad");
  }

  @Test
  void example_isDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    String example = Files.readString(ConfigFiles.EXAMPLE);

    assertThat(doc).contains(example.strip());
  }

  private static Object value(RecordComponent c, ServerSettings s) {
    try {
      return c.getAccessor().invoke(s);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Settings in which every value differs from its default. */
  static ServerSettings everywhereDifferent() {
    Duration s1 = Duration.ofSeconds(1);
    return ServerSettings.defaults()
        .withBind("0.0.0.0")
        .withPort(9999)
        .withUpstream(URI.create("http://backend:9000"))
        .withUpstreamTimeout(s1)
        .withRedisUri("redis://elsewhere:6380")
        .withRedisPrefix("other")
        .withRedisCommandTimeout(s1)
        .withRedisTlsCaCert(Path.of("/etc/redis/ca.pem"))
        .withRedisTlsClientCert(Path.of("/etc/redis/client.pem"), Path.of("/etc/redis/client.key"))
        .withNearCache(true)
        .withLease(true)
        .withMaxBodyBytes(1)
        .withMaxKeyBytes(1)
        .withMaxStoreEntries(1)
        .withConnections(new ConnectionLimits(s1, s1, 1))
        .withCache(OddsCacheConfig.custom().enabled(false).maxConcurrentLoads(1)
            .maxStaleOnOverload(s1).loadQueueTimeout(s1).staleIfError(s1).staleWindow(s1)
            .latencySampleRate(0.5).leaseTime(Duration.ofSeconds(2)).leaseWait(s1)
            .leasePollInterval(s1).build())
        .withVix(VixConfig.custom().alpha(0.5).sigmaMin(0.5).warmupTicks(1).jumpThreshold(0.5)
            .panicSigma(5).warningSigma(4).hold(s1).build())
        .withVixEvictIdleAfter(Duration.ofHours(1))
        .withImplicitFreshness(dev.oddscache.server.http.ImplicitFreshness.NONE)
        .withZones(ZoneConfig.custom().prematchHorizon(Duration.ofHours(48))
            .warmupHorizon(Duration.ofHours(5)).goldenHorizon(Duration.ofHours(2))
            .inPlayDuration(Duration.ofHours(3)).ttl(Zone.STANDARD, s1).ttl(Zone.PREMATCH, s1)
            .ttl(Zone.WARMUP, s1).ttl(Zone.GOLDEN, s1).ttl(Zone.ACTIVE, s1).build())
        .withBreaker(BreakerConfig.custom().window(Duration.ofMinutes(5)).minSamples(1)
            .enterHighVolatility(0.4).exitHighVolatility(0.1).openCircuit(0.9).closeCircuit(0.5)
            .floors(allFloors(1)).build())
        .withQuota(QuotaConfig.custom()
            .thresholds(row(Stakes.HIGH)).thresholds(row(Stakes.MEDIUM)).thresholds(row(Stakes.LOW))
            .build())
        .withStakes(StakesClassifier.custom().keywords(Stakes.HIGH, List.of("x"))
            .keywords(Stakes.MEDIUM, List.of("y")).keywords(Stakes.LOW, List.of("z")).build())
        .withPanicClock(PanicClockConfig.custom().deadMansSwitch(Duration.ofHours(1))
            .refreshInterval(s1).calmGrace(s1).build())
        .withImpactRules(allEventsAffect("other"));
  }

  private static BreakerFloors allFloors(long seconds) {
    BreakerFloors.Builder b = BreakerFloors.builder();
    for (BreakerMode mode : BreakerMode.values()) {
      for (Status status : Status.values()) {
        b.floor(mode, status, seconds);
      }
    }
    return b.build();
  }

  private static QuotaThresholds row(Stakes stakes) {
    return new QuotaThresholds(stakes, Duration.ofMinutes(1), Duration.ofMinutes(2),
        Duration.ofMinutes(3), 1, 2, 3, 4);
  }

  private static ImpactRules allEventsAffect(String family) {
    ImpactRules.Builder b = ImpactRules.builder();
    for (EventType event : EventType.values()) {
      if (event != EventType.ODDS_SHOCK) {
        b.affects(event, Set.of(family));
      }
    }
    return b.build();
  }
}
