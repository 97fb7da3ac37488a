package dev.oddscache.redis.store;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), falling back to {@code EVAL} (which also
 * caches it) when the node answers NOSCRIPT: after a restart, a failover, or on a Cluster node
 * that has not seen it yet. So the script text crosses the network once per node, not per call.
 *
 * <p>On a Cluster, all the keys of one call must hash to one slot. Immutable and thread-safe.
 */
final class LuaScript {
  private final String source;
  private final String sha;
  private final ScriptOutputType output;

  LuaScript(String source, ScriptOutputType output) {
    this.source = source;
    this.sha = sha1(source);
    this.output = output;
  }

  /** Sends the script without waiting; the future fails as the command would. */
  <T> CompletableFuture<T> run(RedisClusterAsyncCommands<String, byte[]> commands, String[] keys, byte[]... args) {
    CompletableFuture<T> bySha = commands.<T>evalsha(sha, output, keys, args).toCompletableFuture();
    return bySha.exceptionallyCompose(e -> {
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
}
