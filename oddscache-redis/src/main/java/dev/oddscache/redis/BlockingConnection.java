package dev.oddscache.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;

/**
 * A connection of its own for blocking commands ({@code XREAD BLOCK}): a blocked command would
 * stall every command pipelined behind it on the shared connection, and outlast its 50 ms
 * timeout. Same endpoint, TLS and reconnect rules as the {@link RedisConnector} that opened it;
 * commands wait at most the timeout given there. Not for concurrent use: one reader thread.
 */
public final class BlockingConnection implements AutoCloseable {
  private final StatefulConnection<String, byte[]> connection;
  private final RedisClusterCommands<String, byte[]> commands;
  private final RedisClusterAsyncCommands<String, byte[]> async;
  private final AutoCloseable owner;

  BlockingConnection(StatefulConnection<String, byte[]> connection,
      RedisClusterCommands<String, byte[]> commands,
      RedisClusterAsyncCommands<String, byte[]> async, AutoCloseable owner) {
    this.connection = connection;
    this.commands = commands;
    this.async = async;
    this.owner = owner;
  }

  /** Asynchronous commands, to pipeline a command in front of a blocking one. */
  public RedisClusterAsyncCommands<String, byte[]> async() {
    return async;
  }

  /** Synchronous commands; failures and timeouts are Lettuce's {@code RedisException}s. */
  public RedisClusterCommands<String, byte[]> sync() {
    return commands;
  }

  public boolean isOpen() {
    return connection.isOpen();
  }

  /** Closes the connection; a command blocked on it fails at once. */
  @Override
  public void close() {
    try {
      connection.close();
    } finally {
      try {
        owner.close();
      } catch (Exception e) {
        // Shutting down a client we own: nothing the caller could do about it.
      }
    }
  }

  @Override
  public String toString() {
    return "BlockingConnection{open=" + isOpen() + ", timeout="
        + Duration.ofNanos(connection.getTimeout().toNanos()) + '}';
  }
}
