package dev.oddscache.tools.sim;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.oddscache.server.testing.SharedBetfairData;
import dev.oddscache.tools.data.DataFolder;
import java.nio.file.Path;
import java.util.Map;

/**
 * The shared Betfair data as the tools' data folder, where the bundled Betfair scenarios find
 * their {@code betfair/} files; skips the calling test when it is absent.
 */
final class SharedDataFolder {
  private SharedDataFolder() {}

  static DataFolder get() {
    Path dir = SharedBetfairData.dataFolder();
    assumeTrue(dir != null, "shared/data/betfair not found above "
        + Path.of("").toAbsolutePath() + ", skipping");
    return DataFolder.of(dir, Map.of());
  }
}
