package dev.oddscache.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerConfig;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.cache.Freshness;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.cache.PressureConfig;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.invalidation.ImpactRules;
import dev.oddscache.panic.PanicClockConfig;
import dev.oddscache.quota.QuotaConfig;
import dev.oddscache.quota.QuotaThresholds;
import dev.oddscache.quota.Stakes;
import dev.oddscache.quota.StakesClassifier;
import dev.oddscache.redis.feed.FeedConfig;
import dev.oddscache.server.betfair.BetfairLimits;
import dev.oddscache.server.settings.AccessTokens;
import dev.oddscache.server.settings.BetfairSettings;
import dev.oddscache.server.settings.ConnectionLimits;
import dev.oddscache.server.settings.ImplicitFreshness;
import dev.oddscache.server.settings.NetworkSettings;
import dev.oddscache.server.settings.PolicySettings;
import dev.oddscache.server.settings.ProxySettings;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.server.settings.StoreSettings;
import dev.oddscache.server.settings.VixSettings;
import dev.oddscache.stats.Quantiles;
import dev.oddscache.vix.DriftConfig;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.zone.Zone;
import dev.oddscache.zone.ZoneConfig;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code examples/oddscache.yml} spells out every default, and nothing else. */
class ConfigFileDefaultsTest {
  @TempDir Path dir;

  @Test
  void example_onDefaults_isDefaults() {
    assertThat(ConfigFile.load(ConfigFiles.EXAMPLE, ServerSettings.ofDefaults()))
        .isEqualTo(ServerSettings.ofDefaults());
  }

  /**
   * Loaded over settings that differ from the defaults everywhere, the example must give the
   * defaults back: so it holds every setting, and every setting it holds is applied.
   */
  @Test
  void example_onDifferentBase_restoresEverySetting() {
    ServerSettings different = everywhereDifferent();
    Map<String, Object> settings = leaves("", different);
    Map<String, Object> defaults = leaves("", ServerSettings.ofDefaults());
    assertThat(settings.keySet()).as("settings").hasSizeGreaterThan(20)
        .isEqualTo(defaults.keySet());
    settings.forEach((path, value) -> {
      if (!path.startsWith("tokens.")) {
        assertThat(value).as(path).isNotEqualTo(defaults.get(path));
      }
    });

    assertThat(ConfigFile.load(ConfigFiles.EXAMPLE, different))
        .isEqualTo(ServerSettings.ofDefaults());
  }

  @Test
  void example_asJson_isDefaults() throws Exception {
    Object tree = new ObjectMapper(new YAMLFactory())
        .readValue(ConfigFiles.EXAMPLE.toFile(), Object.class);
    Path json = dir.resolve("oddscache.json");
    new ObjectMapper().writeValue(json.toFile(), tree);

    assertThat(ConfigFile.load(json, everywhereDifferent()))
        .isEqualTo(ServerSettings.ofDefaults());
  }

  @Test
  void example_keepsTokensOfBase() {
    ServerSettings base =
        ServerSettings.custom().tokens(new AccessTokens("in", "ad")).build();

    ServerSettings loaded = ConfigFile.load(ConfigFiles.EXAMPLE, base);

    assertThat(loaded.tokens().ingest()).isEqualTo("in");
    assertThat(loaded.tokens().admin()).isEqualTo("ad");
  }

  @Test
  void example_isDocumented() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    String example = Files.readString(ConfigFiles.EXAMPLE);

    assertThat(doc).contains(example.strip());
  }

  /**
   * Every setting of {@code settings} by its dotted path, such as {@code network.port}: the
   * components of the settings' records, down to the values that are not records themselves.
   */
  private static Map<String, Object> leaves(String path, Record settings) {
    Map<String, Object> out = new TreeMap<>();
    for (RecordComponent c : settings.getClass().getRecordComponents()) {
      Object value;
      try {
        value = c.getAccessor().invoke(settings);
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      String name = path + c.getName();
      if (value instanceof Record nested) {
        out.putAll(leaves(name + ".", nested));
      } else {
        out.put(name, value);
      }
    }
    return out;
  }

  /** Settings in which every value differs from its default. */
  static ServerSettings everywhereDifferent() {
    Duration s1 = Duration.ofSeconds(1);
    return ServerSettings.custom()
        .network(new NetworkSettings("0.0.0.0", 9999, 1, new ConnectionLimits(s1, s1, 1)))
        .proxy(new ProxySettings(URI.create("http://backend:9000"), s1, 1, ImplicitFreshness.NONE))
        .store(new StoreSettings(1, "redis://elsewhere:6380", "other", s1,
            Path.of("/etc/redis/ca.pem"), Path.of("/etc/redis/client.pem"),
            Path.of("/etc/redis/client.key"), true, true,
            FeedConfig.custom().enabled(false).maxLength(10).replayWindow(s1).maxBacklog(1)
                .applyWait(Duration.ofSeconds(2)).build()))
        .vix(new VixSettings(VixConfig.custom().alpha(0.5).sigmaMin(0.5).warmupTicks(1)
            .jumpThreshold(0.5).panicSigma(5).warningSigma(4).hold(s1)
            .drift(DriftConfig.custom().threshold(0.5).familyThreshold("over_under", 0.1)
                .trackingTimeout(s1).build())
            .maxMatches(1).maxFutureSkew(s1)
            .build(),
            Duration.ofHours(1)))
        .policy(new PolicySettings(
            OddsCacheConfig.custom().enabled(false).maxConcurrentLoads(1)
                .maxStaleOnOverload(s1).loadQueueTimeout(s1).staleIfError(s1).staleWindow(s1)
                .latencySampleRate(0.5).quantiles(Quantiles.NONE)
                .leaseTime(Duration.ofSeconds(2)).leaseWait(s1)
                .leasePollInterval(s1).freshness(Freshness.TTL)
                .pressure(PressureConfig.custom().occupancy(1).latencyRatio(3)
                    .minLatencySamples(1).loadBudgetPerSecond(10).build())
                .build(),
            ZoneConfig.custom().prematchHorizon(Duration.ofHours(48))
                .warmupHorizon(Duration.ofHours(5)).goldenHorizon(Duration.ofHours(2))
                .inPlayDuration(Duration.ofHours(3)).ttl(Zone.STANDARD, s1)
                .ttl(Zone.PREMATCH, s1).ttl(Zone.WARMUP, s1).ttl(Zone.GOLDEN, s1)
                .ttl(Zone.ACTIVE, s1).build(),
            BreakerConfig.custom().window(Duration.ofMinutes(5)).minSamples(1)
                .enterHighVolatility(0.4).exitHighVolatility(0.1).openCircuit(0.9)
                .closeCircuit(0.5).floors(allFloors(1)).build(),
            QuotaConfig.custom().thresholds(row(Stakes.HIGH)).thresholds(row(Stakes.MEDIUM))
                .thresholds(row(Stakes.LOW)).build(),
            StakesClassifier.custom().keywords(Stakes.HIGH, List.of("x"))
                .keywords(Stakes.MEDIUM, List.of("y")).keywords(Stakes.LOW, List.of("z"))
                .build(),
            PanicClockConfig.custom().deadMansSwitch(Duration.ofHours(1)).refreshInterval(s1)
                .calmGrace(s1).maxMatches(1).build(),
            allEventsAffect("other")))
        .betfair(new BetfairSettings(new BetfairLimits(1, 1, 1, 1, 1), 1, 1))
        .build();
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
