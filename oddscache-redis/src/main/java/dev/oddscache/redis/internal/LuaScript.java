package dev.oddscache.redis.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * A Lua script of this module and the way it travels; every script of the module runs through
 * {@link #submit}. Two ways:
 *
 * <ul>
 *   <li>{@link #bySha}: {@code EVALSHA}, falling back to {@code EVAL} (which also caches the
 *       script) when the node answers NOSCRIPT: after a restart, a failover, or on a Cluster
 *       node that has not seen it yet. The text crosses the network once per node, not per call;
 *       the first call on such a node costs two round trips, which is why the connector loads
 *       such scripts ahead ({@code SCRIPT LOAD}) when it connects and after every reconnection.
 *   <li>{@link #whole}: {@code EVAL} every time, for a caller that cannot afford that second
 *       round trip and sends the script rarely.
 * </ul>
 *
 * <p>On a Cluster, all the keys of one call must hash to one slot. Immutable and thread-safe.
 */
public final class LuaScript {
  private final String source;
  private final String sha;
  private final ScriptOutputType output;
  private final boolean bySha;

  private LuaScript(String source, ScriptOutputType output, boolean bySha) {
    this.source = Objects.requireNonNull(source, "source");
    this.sha = sha1(source);
    this.output = Objects.requireNonNull(output, "output");
    this.bySha = bySha;
  }

  /** A script sent by its SHA-1, and whole only when the node does not know it. */
  public static LuaScript bySha(String source, ScriptOutputType output) {
    return new LuaScript(source, output, true);
  }

  /** A script sent whole with every call. */
  public static LuaScript whole(String source, ScriptOutputType output) {
    return new LuaScript(source, output, false);
  }

  /**
   * The text of the script file {@code name} beside {@code owner}'s class, without its line
   * comments: they document the file and need not travel with the script.
   *
   * @throws IllegalStateException if the jar lacks the file
   */
  public static String resource(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the oddscache-redis jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.lines().filter(line -> !line.strip().startsWith("--"))
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-1 by which Redis caches the script. */
  public String sha() {
    return sha;
  }

  /**
   * Sends {@code SCRIPT LOAD} (to every master on a Cluster) without waiting, so the next
   * {@code EVALSHA} finds the script: the connector does it for the scripts it was asked to
   * {@linkplain dev.oddscache.redis.RedisConnector#preload preload}, at every (re)connection.
   */
  public CompletableFuture<String> load(RedisClusterAsyncCommands<String, byte[]> commands) {
    return commands.scriptLoad(source.getBytes(StandardCharsets.UTF_8)).toCompletableFuture();
  }

  /** Sends the script without waiting; the future fails as the command would. */
  public <T> CompletableFuture<T> submit(RedisClusterAsyncCommands<String, byte[]> commands,
      String[] keys, byte[]... args) {
    if (!bySha) {
      return commands.<T>eval(source, output, keys, args).toCompletableFuture();
    }
    CompletableFuture<T> sent = commands.<T>evalsha(sha, output, keys, args).toCompletableFuture();
    return sent.exceptionallyCompose(e -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof RedisNoScriptException) {
        return commands.<T>eval(source, output, keys, args).toCompletableFuture();
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }

  @Override
  public String toString() {
    return "LuaScript{sha=" + sha + ", " + (bySha ? "by sha" : "whole") + '}';
  }
}
