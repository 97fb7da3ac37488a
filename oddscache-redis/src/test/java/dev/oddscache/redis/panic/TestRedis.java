package dev.oddscache.redis.panic;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.testing.RedisTestSupport;
import dev.oddscache.testing.Poll;
import java.time.Duration;

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
    RedisTestSupport.warmUp(redis, 20, r -> {
      r.call("warm-up", c -> c.get("warm-up"));
      r.await("warm-up", PanicScript.submit(r.async(), "{warm-up}", "{warm-up}:end", 1, 1000,
          false, MatchPanic.NONE, MatchPanic.NONE));
      r.call("warm-up", c -> c.del("{warm-up}"));
    });
    return redis;
  }

  /**
   * Waits until Lettuce has reconnected {@code redis} after a restart of the server: an external
   * event, so a bounded poll of the connection state.
   */
  static void awaitConnected(RedisConnector redis) {
    Poll.await("redis reconnected: " + redis.settings()).atMost(Duration.ofSeconds(20))
        .until(redis::isConnected);
  }
}
