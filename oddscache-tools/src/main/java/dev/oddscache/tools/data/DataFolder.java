package dev.oddscache.tools.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The folder of recorded data that is not in the repository (Betfair historical data, under its
 * {@code betfair/} subfolder): {@code --data-dir DIR}, else the {@value #ENVIRONMENT} environment
 * variable, else {@code data} in the current folder (the launcher sets {@value #ENVIRONMENT} to
 * the clone's {@code data/} when it is unset, so commands work from any folder).
 *
 * <p>A relative file that does not exist from where it is read (the current folder, or a
 * scenario's folder) is looked up in this folder, so {@code betfair/1.197931750} means the same
 * file wherever the data lives. Immutable.
 */
public final class DataFolder {
  /** The environment variable naming the folder. */
  public static final String ENVIRONMENT = "ODDSCACHE_DATA";

  /** Where the Betfair files come from, for the message of a missing one. */
  public static final String BETFAIR_SOURCE = "the Betfair files are Betfair historical data"
      + " (https://historicdata.betfair.com), not part of the repository";

  private final Path dir;
  private final String origin;

  private DataFolder(Path dir, String origin) {
    this.dir = dir.toAbsolutePath().normalize();
    this.origin = origin;
  }

  /**
   * The folder from a command's {@code --data-dir} (null when not given), else from {@code
   * environment}, else the default.
   */
  public static DataFolder of(Path option, Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    if (option != null) {
      return new DataFolder(option, "--data-dir");
    }
    String value = environment.get(ENVIRONMENT);
    if (value != null && !value.isBlank()) {
      return new DataFolder(Path.of(value), ENVIRONMENT);
    }
    return new DataFolder(Path.of("data"), "the default, ./data");
  }

  /** The folder this process's environment names, or the default. */
  public static DataFolder fromEnvironment() {
    return of(null, System.getenv());
  }

  public Path dir() {
    return dir;
  }

  /**
   * Where {@code file} is: itself if absolute or found from {@code base}, else in this folder if
   * it is there; null when neither has it.
   */
  public Path find(Path base, String file) {
    Path given = Path.of(file);
    if (given.isAbsolute()) {
      return Files.exists(given) ? given : null;
    }
    Path fromBase = base.resolve(given).normalize();
    if (Files.exists(fromBase)) {
      return fromBase;
    }
    Path inData = dir.resolve(given).normalize();
    return Files.exists(inData) ? inData : null;
  }

  /**
   * Why {@code file}, read from {@code base}, was not found: both places looked in, whether this
   * folder exists, and where the Betfair files come from and go.
   */
  public String notFound(Path base, String file) {
    Path given = Path.of(file);
    if (given.isAbsolute()) {
      return "file not found: " + given + " (" + BETFAIR_SOURCE + ")";
    }
    StringBuilder sb = new StringBuilder("file not found: ").append(file).append(" (not in ")
        .append(base.toAbsolutePath().normalize()).append(" nor in the data folder ")
        .append(dir).append(", set by ").append(origin);
    if (!Files.isDirectory(dir)) {
      sb.append(", which does not exist");
    }
    sb.append("); ").append(BETFAIR_SOURCE).append(": put them in ").append(dir.resolve("betfair"))
        .append(", or point ").append(ENVIRONMENT).append(" or --data-dir at a folder that holds "
            + "betfair/");
    return sb.toString();
  }

  @Override
  public String toString() {
    return dir + " (" + origin + ")";
  }
}
