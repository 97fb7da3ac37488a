package dev.oddscache.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A config file that cannot be read or holds a setting that is not allowed. The message always
 * starts with the file; for a setting it continues with the dotted path, the value as written
 * (secrets masked) and what is allowed:
 *
 * <pre>
 * conf/oddscache.yml: breaker.openCircuit = 1.5: not allowed: openCircuit must be in [0.0, 1.0],
 *     got 1.5
 * conf/oddscache.yml: line 4, column 12: not valid YAML: mapping values are not allowed here
 * </pre>
 */
public final class ConfigException extends IllegalArgumentException {
  private final transient Path file;
  private final String path;
  private final String value;

  /** A problem with one setting: {@code path} is dotted, {@code value} as it should be shown. */
  ConfigException(Path file, String path, String value, String problem, Throwable cause) {
    super(file + ": " + path + " = " + value + ": " + problem, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.path = Objects.requireNonNull(path, "path");
    this.value = Objects.requireNonNull(value, "value");
  }

  /** A problem with the file as a whole: missing, unreadable, not YAML or JSON. */
  ConfigException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.path = null;
    this.value = null;
  }

  /** The config file. */
  public Path file() {
    return file;
  }

  /** The dotted path of the bad setting, such as {@code breaker.openCircuit}; null for the file. */
  public String path() {
    return path;
  }

  /** The bad value as shown in the message (secrets masked); null for the file. */
  public String value() {
    return value;
  }
}
