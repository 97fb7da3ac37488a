package dev.oddscache.redis.panic;

import io.lettuce.core.KeyValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Arrays;

/**
 * A barrier between processes on Redis that waits for events, not time: each party RPUSHes to
 * {@code <name>:arrived}; the party whose push makes the count reach {@code parties} pushes one
 * token per party to {@code <name>:go}; every party BLPOPs a token. Bounded by {@code waitSeconds}.
 */
final class RedisBarrier {
  private RedisBarrier() {}

  /**
   * @throws IllegalStateException if the other parties did not arrive within {@code waitSeconds}
   */
  static void await(RedisCommands<String, String> redis, String name, int parties,
      long waitSeconds) {
    long arrived = redis.rpush(name + ":arrived", "x");
    if (arrived == parties) {
      String[] tokens = new String[parties];
      Arrays.fill(tokens, "go");
      redis.rpush(name + ":go", tokens);
    }
    KeyValue<String, String> go = redis.blpop(waitSeconds, name + ":go");
    if (go == null) {
      throw new IllegalStateException("barrier " + name + ": " + parties + " parties did not all"
          + " arrive within " + waitSeconds + " s");
    }
  }
}
