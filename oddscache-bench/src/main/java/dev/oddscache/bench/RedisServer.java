package dev.oddscache.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, persistence off, like the Redis tests'
 * harness. By default the binary shipped in the embedded-redis jar (6.2.6); the system property
 * {@code oddscache.bench.redisServer} (e.g. {@code /usr/bin/redis-server}, Debian's 7.0) picks
 * another. Which one ran is printed, and {@link #describe()} names it for the report.
 */
final class RedisServer implements AutoCloseable {
  private static final String EMBEDDED = "redis-server-6.2.6-v5-linux-amd64";

  private final Process process;
  private final int port;
  private final String description;

  private RedisServer(Process process, int port, String description) {
    this.process = process;
    this.port = port;
    this.description = description;
  }

  static RedisServer start() {
    try {
      String configured = System.getProperty("oddscache.bench.redisServer", "");
      Path binary;
      String description;
      if (configured.isBlank()) {
        binary = extractEmbedded();
        description = "embedded-redis " + EMBEDDED;
      } else {
        binary = Path.of(configured);
        description = configured;
      }
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      }
      Path dir = Files.createTempDirectory("oddscache-bench-redis-");
      Process p = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no",
          "--daemonize", "no", "--dir", dir.toString()))
          .directory(dir.toFile()).redirectErrorStream(true).start();
      // A fork that dies on an exception skips its @TearDown; the server must not outlive it.
      Runtime.getRuntime()
          .addShutdownHook(new Thread(p::destroyForcibly, "redis-" + port + "-stop"));
      awaitReady(p, port);
      System.out.println("redis-server: " + description + " on port " + port);
      return new RedisServer(p, port, description);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  String describe() {
    return description;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Path extractEmbedded() throws IOException {
    try (InputStream in = RedisServer.class.getClassLoader().getResourceAsStream(EMBEDDED)) {
      if (in == null) {
        throw new IllegalStateException(EMBEDDED + " is not in the benchmarks jar");
      }
      Path file = Files.createTempFile("oddscache-bench-redis-server-", "");
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      if (!file.toFile().setExecutable(true)) {
        throw new IllegalStateException("cannot make " + file + " executable");
      }
      file.toFile().deleteOnExit();
      return file;
    }
  }

  private static void awaitReady(Process p, int port) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!ready.isDone()) {
            output.append(line).append('\n');
            if (line.contains("Ready to accept connections")) {
              ready.complete(null);
            }
          }
        }
      } catch (IOException ignored) {
        // The server was stopped.
      }
      ready.completeExceptionally(new IllegalStateException(
          "redis-server on port " + port + " exited before it was ready:\n" + output));
    }, "redis-" + port + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("redis-server on port " + port + " did not start: " + e, e);
    }
  }
}
