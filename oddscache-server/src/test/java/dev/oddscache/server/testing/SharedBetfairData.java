package dev.oddscache.server.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Betfair files of {@code shared/data/betfair}, read in place: the folder sits beside the
 * repository ({@code ../../shared} from a module folder, where tests run), so it is found by
 * walking up from the working directory. Tests that need it skip when it is absent.
 */
public final class SharedBetfairData {
  public static final String WIN_MARKET = "1.197931750";
  public static final String PLACE_MARKET = "1.197931751";
  public static final String HORSE_RACE = "BASIC-1.132153978";
  /** A PLACE market recorded from the live stream: the largest file, 21,922 lines. */
  public static final String SELF_RECORDED = "SELF-1.181223995";

  private SharedBetfairData() {}

  /** The folder, or null when no ancestor of the working directory has it. */
  static Path findDir() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data").resolve("betfair");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /**
   * The data folder holding {@code betfair/} (what {@code ODDSCACHE_DATA} names for the tools),
   * or null when no ancestor of the working directory has it.
   */
  public static Path dataFolder() {
    Path dir = findDir();
    return dir == null ? null : dir.getParent();
  }

  /** The file {@code name} of the folder; skips the calling test when it is missing. */
  public static Path file(String name) {
    Path dir = findDir();
    assumeTrue(dir != null, "shared/data/betfair not found above " + Path.of("").toAbsolutePath()
        + ", skipping");
    Path file = dir.resolve(name);
    assumeTrue(Files.isReadable(file), file + " not found, skipping");
    return file;
  }
}
