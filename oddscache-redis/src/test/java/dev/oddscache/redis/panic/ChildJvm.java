package dev.oddscache.redis.panic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM, started from this test JVM's own java and classpath, running a main class of the
 * test sources: a second process sharing the panic clock through Redis. Its stdout and stderr
 * go to files, so a full pipe can never block it. Close it in a finally: that destroys it if it
 * is still running.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;

  private ChildJvm(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static ChildJvm start(Class<?> main, List<String> args) {
    try {
      String name = main.getSimpleName();
      Path out = Files.createTempFile(name, ".out");
      Path err = Files.createTempFile(name, ".err");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // C1 only: these children live for a second or two, start-up dominates.
          "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), main.getName()));
      command.addAll(args);
      Process process = new ProcessBuilder(command)
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      return new ChildJvm(name, process, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits for the child to exit, at most {@code timeout}, and returns its stdout lines.
   *
   * @throws IllegalStateException if it did not exit in time or exited with a non-zero status,
   *     with its stderr
   */
  List<String> awaitOutput(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not finish within " + timeout + ":\n"
          + read(err));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
          + read(err) + read(out));
    }
    return read(out).lines().toList();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    } catch (IOException ignored) {
      // Temporary files; the OS cleans them.
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
