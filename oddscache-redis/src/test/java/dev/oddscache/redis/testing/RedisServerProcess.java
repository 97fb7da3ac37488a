package dev.oddscache.redis.testing;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for tests: the binary shipped in the embedded-redis artifact, run
 * on a random free loopback port with persistence off. It can be stopped and restarted on the
 * same port (for fault tests) and started in cluster mode, or, from another binary, serving TLS
 * only ({@link #startTls}). Readiness is detected from the server's own "Ready to accept
 * connections" line, not by waiting.
 */
public final class RedisServerProcess implements AutoCloseable {
  private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";
  private static final long START_TIMEOUT_SECONDS = 20;
  private static Path binary;

  private final int port;
  private final Path workDir;
  private final List<String> extraArgs;
  private final Integer sentinelOf;
  /** Null: the embedded binary. */
  private final Path tlsBinary;
  private Process process;

  private RedisServerProcess(int port, Path workDir, List<String> extraArgs, Integer sentinelOf,
      Path tlsBinary) {
    this.port = port;
    this.workDir = workDir;
    this.extraArgs = extraArgs;
    this.sentinelOf = sentinelOf;
    this.tlsBinary = tlsBinary;
  }

  /**
   * Starts a Sentinel (the same binary in sentinel mode) monitoring the master on
   * {@code masterPort} under the name {@code mymaster}, quorum 1.
   */
  public static RedisServerProcess startSentinel(int masterPort) {
    try {
      RedisServerProcess sentinel = new RedisServerProcess(freePort(),
          Files.createTempDirectory("oddscache-sentinel-"), List.of(), masterPort, null);
      sentinel.startProcess();
      return sentinel;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a Sentinel from {@code binary} serving TLS only, with the certificate options of
   * {@code tlsArgs}, monitoring the TLS master on {@code masterPort} as {@code mymaster}.
   */
  public static RedisServerProcess startTlsSentinel(Path binary, List<String> tlsArgs,
      int masterPort) {
    try {
      RedisServerProcess sentinel = new RedisServerProcess(freePort(),
          Files.createTempDirectory("oddscache-sentinel-tls-"), List.copyOf(tlsArgs), masterPort,
          binary);
      sentinel.startProcess();
      return sentinel;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a standalone server on a random free port. */
  public static RedisServerProcess start() {
    return start(List.of());
  }

  /** Starts a server with extra arguments (e.g. {@code --cluster-enabled yes}). */
  public static RedisServerProcess start(List<String> extraArgs) {
    try {
      RedisServerProcess server = new RedisServerProcess(freePort(),
          Files.createTempDirectory("oddscache-redis-"), List.copyOf(extraArgs), null, null);
      server.startProcess();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts {@code binary} (a redis-server built with TLS) serving TLS only, on a random free port:
   * {@code --port 0 --tls-port PORT} plus {@code tlsArgs} (certificate, key, CA...).
   *
   * @throws IllegalStateException with the server's output when it exits before it is ready
   */
  public static RedisServerProcess startTls(Path binary, List<String> tlsArgs) {
    try {
      RedisServerProcess server = new RedisServerProcess(freePort(),
          Files.createTempDirectory("oddscache-redis-tls-"), List.copyOf(tlsArgs), null, binary);
      server.startProcess();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:PORT}, or {@code rediss://} for a server started with TLS. */
  public String uri() {
    return (tlsBinary == null ? "redis" : "rediss") + "://127.0.0.1:" + port;
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Kills the server (SIGKILL: like a crash, nothing flushed). */
  public synchronized void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts the server again on the same port, empty. */
  public synchronized void restart() {
    stop();
    startProcess();
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void startProcess() {
    if (sentinelOf != null) {
      startSentinelProcess();
      return;
    }
    // Port 0 closes the plain listener, so a TLS server answers nothing but TLS.
    List<String> ports = tlsBinary == null ? List.of("--port", Integer.toString(port))
        : List.of("--port", "0", "--tls-port", Integer.toString(port));
    List<String> command = new ArrayList<>();
    command.add((tlsBinary == null ? binaryPath() : tlsBinary).toString());
    command.addAll(ports);
    command.addAll(List.of("--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no",
        "--dir", workDir.toString(), "--dbfilename", "dump-" + port + ".rdb"));
    command.addAll(extraArgs);
    try {
      process = new ProcessBuilder(command).directory(workDir.toFile())
          .redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    awaitReady(process, "Ready to accept connections");
  }

  private void startSentinelProcess() {
    Path conf = workDir.resolve("sentinel.conf");
    try {
      // Sentinel rewrites its config file, so it must be a writable file of its own.
      // tls-replication: a Sentinel reaches the master it monitors over TLS only if told so.
      String listen = tlsBinary == null ? "port " + port + "\n"
          : "port 0\ntls-port " + port + "\ntls-replication yes\n" + configLines(extraArgs);
      Files.writeString(conf, listen + "bind 127.0.0.1\n"
          + "sentinel monitor mymaster 127.0.0.1 " + sentinelOf + " 1\n");
      Path server = tlsBinary == null ? binaryPath() : tlsBinary;
      process = new ProcessBuilder(server.toString(), conf.toString(), "--sentinel")
          .directory(workDir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start sentinel on port " + port, e);
    }
    awaitReady(process, "+monitor master mymaster");
  }

  /** {@code --name value} command-line pairs as config file lines. */
  private static String configLines(List<String> args) {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      lines.append(args.get(i).substring(2)).append(' ').append(args.get(i + 1)).append('\n');
    }
    return lines.toString();
  }

  private void awaitReady(Process p, String readyLine) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!ready.isDone()) {
            output.append(line).append('\n');
            if (line.contains(readyLine)) {
              ready.complete(null);
            }
          }
        }
      } catch (IOException ignored) {
        // The process was stopped.
      }
      ready.completeExceptionally(new IllegalStateException(
          "redis-server on port " + port + " exited before it was ready:\n" + output));
    }, "redis-" + port + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("redis-server on port " + port + " did not start: " + e, e);
    }
  }

  /** The redis-server binary shipped in the embedded-redis jar (built with TLS), extracted once. */
  public static Path embeddedBinary() {
    return binaryPath();
  }

  private static synchronized Path binaryPath() {
    if (binary == null) {
      try (InputStream in = RedisServerProcess.class.getClassLoader().getResourceAsStream(BINARY)) {
        if (in == null) {
          throw new IllegalStateException(BINARY + " not found on the test classpath: is the"
              + " com.github.codemonstur:embedded-redis test dependency present?");
        }
        Path file = Files.createTempFile("redis-server-", "");
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        if (!file.toFile().setExecutable(true)) {
          throw new IllegalStateException("cannot make " + file + " executable");
        }
        file.toFile().deleteOnExit();
        binary = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return binary;
  }

  /**
   * A free port whose cluster bus port (port + 10000) exists and is free too: a cluster node
   * listens on both, and the kernel hands out ports up to 60999, where the bus port would not
   * exist (a fifth of its range).
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = anyFreePort();
      if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
        return port;
      }
    }
    throw new IOException("no free port with a free cluster bus port (+10000) in 100 tries");
  }

  private static int anyFreePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
