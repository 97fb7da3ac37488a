package dev.oddscache.redis.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts the commands that reached a set of redis-servers (one, or every master of a cluster)
 * from their {@code INFO commandstats}. Housekeeping that clients and this counter send
 * (INFO, CONFIG, CLUSTER, CLIENT, PING, HELLO, COMMAND) is left out of {@link #storeCommands()}.
 */
public final class CommandCounter implements AutoCloseable {
  private static final Set<String> HOUSEKEEPING =
      Set.of("info", "config", "cluster", "client", "ping", "hello", "command", "auth", "select");

  private final List<RawRedis> nodes = new ArrayList<>();

  public CommandCounter(List<String> uris) {
    uris.forEach(u -> nodes.add(new RawRedis(u)));
  }

  public void reset() {
    nodes.forEach(RawRedis::resetStats);
  }

  /** Calls of {@code command} (lower case) on all nodes since {@link #reset()}. */
  public long calls(String command) {
    return all().getOrDefault(command, 0L);
  }

  /** Every command a client sent to do its work, on all nodes, since {@link #reset()}. */
  public long storeCommands() {
    return all().entrySet().stream().filter(e -> !HOUSEKEEPING.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** Calls per command, on all nodes, since {@link #reset()}. */
  public Map<String, Long> all() {
    Map<String, Long> sum = new HashMap<>();
    nodes.forEach(n -> n.commandCalls().forEach((k, v) -> sum.merge(k, v, Long::sum)));
    return sum;
  }

  @Override
  public void close() {
    nodes.forEach(RawRedis::close);
  }
}
