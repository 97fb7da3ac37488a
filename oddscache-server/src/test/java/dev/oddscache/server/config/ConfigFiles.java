package dev.oddscache.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes config files for tests. */
final class ConfigFiles {
  /** The example shipped at the repository root; tests run from the module folder. */
  static final Path EXAMPLE = Path.of("..", "examples", "oddscache.yml");

  private ConfigFiles() {}

  static Path write(Path dir, String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
