package dev.oddscache.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Figures that tests observe but must not assert on (wall times), appended to {@code
 * target/measurements.txt} so they can be read after a build without cluttering its output.
 * They are indications from a test run, not benchmarks: timings are measured in benchmarks,
 * never asserted in unit tests.
 */
public final class Measurements {
  private static final Path FILE = Path.of("target", "measurements.txt");

  private Measurements() {}

  public static synchronized void record(String test, String figures) {
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, Instant.now() + " " + test + ": " + figures + System.lineSeparator(),
          StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
