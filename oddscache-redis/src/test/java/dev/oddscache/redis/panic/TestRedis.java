package dev.oddscache.redis.panic;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.store.StoreException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Opening connectors for the panic clock tests. */
final class TestRedis {
  /**
   * For tests whose subject is not the timeout: long enough that a slow machine or a GC pause
   * does not turn into a fallback. The fault tests use the real default.
   */
  static final Duration PATIENT = Duration.ofSeconds(2);

  private TestRedis() {}

  static RedisConnector patient(String uri) {
    return warm(RedisConnector.open(
        RedisSettings.custom().uri(uri).commandTimeout(PATIENT).build()));
  }

  /** With the default 50 ms command timeout. */
  static RedisConnector strict(String uri) {
    return warm(RedisConnector.open(RedisSettings.custom().uri(uri).build()));
  }

  /**
   * Runs the clock's kinds of commands a few times, so class loading and the first JIT of the
   * client do not count against a test's command timeout. Bounded: five seconds at most.
   */
  static RedisConnector warm(RedisConnector redis) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int ok = 0;
    while (ok < 20 && System.nanoTime() < deadline) {
      try {
        redis.call("warm-up", c -> c.get("warm-up"));
        redis.await("warm-up", PanicScript.submit(redis.async(), "warm-up", 1, 1000, false,
            PanicScript.Mode.FIRST, MatchPanic.NONE));
        redis.call("warm-up", c -> c.del("warm-up"));
        ok++;
      } catch (StoreException e) {
        // Still connecting, or cold: again, shortly.
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
      }
    }
    return redis;
  }

  /**
   * Waits until Lettuce has reconnected {@code redis} after a restart of the server: an external
   * event, so a bounded poll of the connection state.
   */
  static void awaitConnected(RedisConnector redis) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!redis.isConnected()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("redis did not reconnect within 20 s: " + redis.settings());
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
