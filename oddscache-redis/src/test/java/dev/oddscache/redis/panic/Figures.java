package dev.oddscache.redis.panic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Measured figures (round trips, latencies) written to {@code target/panic-clock-figures.txt}
 * rather than the console, which stays quiet; the numbers quoted in reviews come from there.
 */
final class Figures {
  private static final Path FILE = Path.of("target", "panic-clock-figures.txt");

  private Figures() {}

  static synchronized void record(String what, Object value) {
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, what + ": " + value + System.lineSeparator(),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
