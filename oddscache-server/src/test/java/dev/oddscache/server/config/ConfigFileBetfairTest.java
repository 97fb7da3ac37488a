package dev.oddscache.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.server.betfair.BetfairLimits;
import dev.oddscache.server.settings.BetfairSettings;
import dev.oddscache.server.settings.ServerSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code betfair:} every key reaches the settings, absent ones keep theirs, bad ones are named. */
class ConfigFileBetfairTest {
  @TempDir Path dir;

  @Test
  void everyKey_reachesTheSettings() {
    Path file = ConfigFiles.write(dir, "b.yml", """
        betfair:
          maxLineChars: 1000
          maxTokensPerLine: 200
          maxStringChars: 50
          maxNumberChars: 20
          maxNestingDepth: 9
          maxDecompressedBytes: 4096
          maxConcurrentIngests: 3
        """);

    assertThat(ConfigFile.load(file, ServerSettings.ofDefaults()).betfair()).isEqualTo(
        new BetfairSettings(new BetfairLimits(1000, 200, 50, 20, 9), 4096, 3));
  }

  @Test
  void absentKeys_keepTheBase() {
    Path file = ConfigFiles.write(dir, "b.yml", "betfair: { maxNestingDepth: 12 }\n");
    ServerSettings base = ServerSettings.custom()
        .betfair(b -> b.maxConcurrentIngests(7).lines(l -> l.maxLineChars(500))).build();

    BetfairSettings loaded = ConfigFile.load(file, base).betfair();

    assertThat(loaded.maxConcurrentIngests()).isEqualTo(7);
    assertThat(loaded.lines())
        .isEqualTo(BetfairLimits.custom().maxLineChars(500).maxNestingDepth(12).build());
  }

  @Test
  void badValues_nameTheirPathAndValue() {
    Path zero = ConfigFiles.write(dir, "zero.yml", "betfair: { maxConcurrentIngests: 0 }\n");
    Path text = ConfigFiles.write(dir, "text.yml", "betfair: { maxLineChars: lots }\n");
    Path unknown = ConfigFiles.write(dir, "unknown.yml", "betfair: { maxRunners: 5 }\n");

    assertThatThrownBy(() -> ConfigFile.load(zero, ServerSettings.ofDefaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("betfair.maxConcurrentIngests = 0")
        .hasMessageContaining("maxConcurrentIngests must be >= 1, got 0");
    assertThatThrownBy(() -> ConfigFile.load(text, ServerSettings.ofDefaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("betfair.maxLineChars = 'lots'");
    assertThatThrownBy(() -> ConfigFile.load(unknown, ServerSettings.ofDefaults()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("betfair.maxRunners");
  }
}
