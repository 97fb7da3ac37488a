package dev.oddscache.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.cache.Freshness;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.cache.PressureConfig;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.vix.DriftConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Price drift in the file: {@code cache.freshness}, {@code cache.pressure} and the {@code vix}
 * drift keys reach the settings, a partial {@code pressure} keeps the rest, {@code
 * driftThresholds} replaces the table, and bad values name their path and value.
 */
class ConfigFileDriftTest {
  @TempDir Path dir;

  private Path file;

  private ServerSettings load(String yaml, ServerSettings base) {
    file = ConfigFiles.write(dir, "drift.yml", yaml);
    return ConfigFile.load(file, base);
  }

  private ServerSettings load(String yaml) {
    return load(yaml, ServerSettings.ofDefaults());
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loading(String yaml) {
    file = ConfigFiles.write(dir, "bad.yml", yaml);
    return assertThatThrownBy(() -> ConfigFile.load(file, ServerSettings.ofDefaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(file + ": ");
  }

  @Test
  void cache_freshnessAndEveryPressureKey() {
    OddsCacheConfig c = load("""
        cache:
          freshness: TTL
          pressure:
            occupancy: 0.75
            latencyRatio: 3
            minLatencySamples: 50
            loadBudgetPerSecond: 200
        """).policy().cache();

    assertThat(c.freshness()).isEqualTo(Freshness.TTL);
    assertThat(c.pressure()).isEqualTo(PressureConfig.custom().occupancy(0.75).latencyRatio(3)
        .minLatencySamples(50).loadBudgetPerSecond(200).build());
    assertThat(load("cache: { freshness: drift }").policy().cache().freshness())
        .isEqualTo(Freshness.DRIFT);
  }

  @Test
  void cache_partialPressure_keepsTheBasesOtherKeys() {
    PressureConfig basePressure = PressureConfig.custom().occupancy(0.9).latencyRatio(4)
        .minLatencySamples(7).loadBudgetPerSecond(30).build();
    ServerSettings base = ServerSettings.custom().policy(p -> p.cache(OddsCacheConfig.custom()
        .freshness(Freshness.TTL).pressure(basePressure).build())).build();

    OddsCacheConfig c = load("cache: { pressure: { latencyRatio: 2.5 } }", base).policy().cache();

    assertThat(c.pressure())
        .isEqualTo(PressureConfig.from(basePressure).latencyRatio(2.5).build());
    assertThat(c.freshness()).isEqualTo(Freshness.TTL);
  }

  @Test
  void vix_everyDriftKey() {
    ServerSettings s = load("""
        vix:
          driftThreshold: 0.03
          driftThresholds: { over_under: 0.05, Correct_Score: 0.1 }
          driftTrackingTimeout: 2m
        """);
    DriftConfig drift = s.vix().detector().drift();

    assertThat(drift.threshold()).isEqualTo(0.03);
    assertThat(drift.familyThresholds())
        .isEqualTo(Map.of("over_under", 0.05, "correct_score", 0.1));
    assertThat(drift.thresholdOf("over_under_25")).isEqualTo(0.05);
    assertThat(drift.thresholdOf("1x2")).isEqualTo(0.03);
    assertThat(drift.trackingTimeout()).isEqualTo(Duration.ofMinutes(2));
    // The other detector settings stay as they were.
    assertThat(s.vix().detector().hold()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void vix_driftThresholds_replaceTheBasesTable_keysBeforeAndAfterItStay() {
    ServerSettings base = load("vix: { driftThresholds: { btts: 0.04, over_under: 0.05 } }");

    DriftConfig replaced = load("""
        vix: { driftTrackingTimeout: 1m, driftThresholds: { over_under: 0.06 },
               driftThreshold: 0.01 }
        """, base).vix().detector().drift();
    DriftConfig cleared = load("vix: { driftThresholds: {} }", base).vix().detector().drift();

    assertThat(replaced.familyThresholds()).isEqualTo(Map.of("over_under", 0.06));
    assertThat(replaced.threshold()).isEqualTo(0.01);
    assertThat(replaced.trackingTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(cleared).isEqualTo(DriftConfig.ofDefaults());
  }

  @Test
  void badFreshnessOrPressure_namesPathAndValue() {
    loading("cache: { freshness: lru }")
        .hasMessage(file + ": cache.freshness = 'lru': not allowed: freshness must be 'drift' or"
            + " 'ttl', got 'lru'");
    loading("cache: { freshness: 1 }")
        .hasMessageContaining("cache.freshness = 1: expected a string");
    loading("cache: { pressure: { occupancy: 1.5 } }")
        .hasMessage(file + ": cache.pressure.occupancy = 1.5: not allowed: pressure.occupancy"
            + " must be in (0, 1], got 1.5");
    loading("cache: { pressure: { latencyRatio: 1 } }")
        .hasMessageContaining("cache.pressure.latencyRatio = 1: not allowed: pressure.latencyRatio"
            + " must be a finite number > 1, got 1.0");
    loading("cache: { pressure: { minLatencySamples: 0 } }")
        .hasMessageContaining("cache.pressure.minLatencySamples = 0: not allowed:"
            + " pressure.minLatencySamples must be >= 1, got 0");
    loading("cache: { pressure: { minLatencySamples: 2.5 } }")
        .hasMessageContaining("cache.pressure.minLatencySamples = 2.5: expected a whole number");
    loading("cache: { pressure: { loadBudgetPerSecond: -1 } }")
        .hasMessageContaining("cache.pressure.loadBudgetPerSecond = -1: not allowed:")
        .hasMessageContaining("-1");
    loading("cache: { pressure: { budget: 10 } }")
        .hasMessageContaining("cache.pressure.budget = 10: unknown key; known keys of"
            + " cache.pressure: occupancy, latencyRatio, minLatencySamples, loadBudgetPerSecond");
    loading("cache: { pressure: 0.5 }")
        .hasMessageContaining("cache.pressure = 0.5: expected a mapping");
  }

  @Test
  void badDriftKeys_nameThePathAndValue() {
    loading("vix: { driftThreshold: 0 }")
        .hasMessage(file + ": vix.driftThreshold = 0: not allowed: driftThreshold must be a"
            + " finite number > 0, got 0.0");
    loading("vix: { driftThreshold: '2%' }")
        .hasMessageContaining("vix.driftThreshold = '2%': expected a number");
    loading("vix: { driftThresholds: { over_under: -0.1 } }")
        .hasMessageContaining("vix.driftThresholds.over_under = -0.1: not allowed:"
            + " driftThresholds.over_under must be a finite number > 0, got -0.1");
    loading("vix: { driftThresholds: { over_under_25: 0.05 } }")
        .hasMessage(file + ": vix.driftThresholds.over_under_25 = 0.05: a market of family"
            + " over_under, not a family: thresholds apply to a whole family; write over_under");
    loading("vix: { driftThresholds: { 1x2: 0.02, ' 1X2': 0.03 } }")
        .hasMessageContaining("vix.driftThresholds. 1X2 = 0.03: repeats 1x2, already set by 1x2");
    loading("vix: { driftThresholds: [over_under] }")
        .hasMessageContaining("vix.driftThresholds = [\"over_under\"]: expected a mapping");
    loading("vix: { driftTrackingTimeout: 0s }")
        .hasMessageContaining("vix.driftTrackingTimeout = '0s': not allowed:"
            + " driftTrackingTimeout must be positive");
    loading("vix: { driftTrackingTimeout: 600 }")
        .hasMessageContaining("vix.driftTrackingTimeout = 600: a bare number is ambiguous here");
  }
}
