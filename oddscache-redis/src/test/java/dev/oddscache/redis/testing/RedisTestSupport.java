package dev.oddscache.redis.testing;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.store.StoreException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Small helpers shared by the Redis tests. */
public final class RedisTestSupport {
  private RedisTestSupport() {}

  /**
   * Runs a few harmless commands so class loading and JIT of the first calls do not count against
   * the 50 ms command timeout of the test that follows. Bounded: gives up after five seconds.
   */
  public static void warmUp(RedisConnector redis) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int ok = 0;
    while (ok < 5 && System.nanoTime() < deadline) {
      try {
        redis.call("warm-up", c -> c.ping());
        redis.call("warm-up", c -> c.eval("return 1", io.lettuce.core.ScriptOutputType.INTEGER,
            new String[] {"warm-up"}));
        ok++;
      } catch (StoreException e) {
        // Connecting or still cold: try again.
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
  }
}
