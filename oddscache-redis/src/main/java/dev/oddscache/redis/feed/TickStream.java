package dev.oddscache.redis.feed;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.store.StoreException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;

/**
 * The fleet's tick stream, {@code {prefix}:ticks}: appends entries with {@code XADD … MAXLEN ~
 * maxLength}, pipelined on the shared connection, each command within the command timeout. One
 * key, so on Cluster the whole stream lives in one slot and keeps one order. Thread-safe.
 */
final class TickStream {
  private final RedisConnector redis;
  private final String key;
  private final XAddArgs args;

  TickStream(RedisConnector redis, long maxLength) {
    this.redis = redis;
    this.key = key(redis.prefix());
    this.args = new XAddArgs().maxlen(maxLength).approximateTrimming();
  }

  static String key(String prefix) {
    return prefix + ":ticks";
  }

  String key() {
    return key;
  }

  /**
   * Appends {@code entries} in order: one pipelined round of XADDs, then waits for each.
   *
   * @return how many of the first entries are known appended: all of them, unless a command
   *     failed or timed out, in which case the entries from that one on may or may not be in
   *     the stream (a timed-out XADD may still run) and the caller takes them as not appended
   */
  int append(List<FeedEntry> entries) {
    RedisClusterAsyncCommands<String, byte[]> commands;
    try {
      commands = redis.async();
    } catch (StoreException e) {
      return 0;
    }
    List<RedisFuture<String>> sent = new ArrayList<>(entries.size());
    for (FeedEntry entry : entries) {
      sent.add(commands.xadd(key, args, FeedEntryCodec.encode(entry)));
    }
    for (int i = 0; i < sent.size(); i++) {
      try {
        redis.await("feed-append", sent.get(i));
      } catch (StoreException e) {
        for (int j = i + 1; j < sent.size(); j++) {
          sent.get(j).cancel(false);
        }
        return i;
      }
    }
    return sent.size();
  }
}
