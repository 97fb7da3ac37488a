package dev.oddscache.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.server.settings.ServerSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** YAML and JSON files with the same content give the same settings. */
class ConfigFileFormatsTest {
  private static final String YAML = """
      server: { port: 9090 }
      cache: { staleWindow: 5s, latencySampleRate: 0.5 }
      breaker: { floors: { circuit_open: { normal: 90 } } }
      stakes: { medium: [eredivisie] }
      events: { CORNER: all }
      """;

  private static final String JSON = """
      {
        "server": { "port": 9090 },
        "cache": { "staleWindow": "5s", "latencySampleRate": 0.5 },
        "breaker": { "floors": { "circuit_open": { "normal": 90 } } },
        "stakes": { "medium": ["eredivisie"] },
        "events": { "CORNER": "all" }
      }
      """;

  @TempDir Path dir;

  @Test
  void yamlAndJson_sameContent_sameSettings() {
    ServerSettings fromYaml = ConfigFile.load(ConfigFiles.write(dir, "a.yml", YAML),
        ServerSettings.ofDefaults());
    ServerSettings fromJson = ConfigFile.load(ConfigFiles.write(dir, "a.json", JSON),
        ServerSettings.ofDefaults());

    assertThat(fromYaml).isEqualTo(fromJson).isNotEqualTo(ServerSettings.ofDefaults());
    assertThat(fromJson.network().port()).isEqualTo(9090);
    assertThat(fromJson.policy().cache().staleWindow()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void extension_yamlAndUpperCase_areAccepted() {
    ServerSettings yaml = ConfigFile.load(ConfigFiles.write(dir, "b.yaml", YAML),
        ServerSettings.ofDefaults());
    ServerSettings upper = ConfigFile.load(ConfigFiles.write(dir, "B.JSON", JSON),
        ServerSettings.ofDefaults());

    assertThat(yaml).isEqualTo(upper);
  }

  @Test
  void json_emptyObject_keepsBase() {
    ServerSettings base = ServerSettings.custom().network(n -> n.port(1)).build();

    assertThat(ConfigFile.load(ConfigFiles.write(dir, "e.json", "{}"), base)).isEqualTo(base);
  }
}
