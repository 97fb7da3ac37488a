package dev.oddscache.redis.testing;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.store.StoreException;
import dev.oddscache.testing.Poll;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;

/** Small helpers shared by the Redis tests. */
public final class RedisTestSupport {
  private static final Duration WARM_UP_BOUND = Duration.ofSeconds(5);
  private static final Duration WARM_UP_RETRY = Duration.ofMillis(20);

  private RedisTestSupport() {}

  /**
   * Runs a few harmless commands so class loading and JIT of the first calls do not count against
   * the 50 ms command timeout of the test that follows. Bounded: gives up after five seconds.
   */
  public static void warmUp(RedisConnector redis) {
    warmUp(redis, 5, r -> {
      r.call("warm-up", c -> c.ping());
      r.call("warm-up", c -> c.eval("return 1", io.lettuce.core.ScriptOutputType.INTEGER,
          new String[] {"warm-up"}));
    });
  }

  /**
   * Runs {@code round} on {@code redis} until it has succeeded {@code rounds} times, back to back,
   * trying again shortly after a round that failed (still connecting, or cold). Bounded: gives up
   * after five seconds without failing, since a warm-up is not a check; a test whose Redis does
   * not answer fails on its own commands.
   */
  public static void warmUp(RedisConnector redis, int rounds, Consumer<RedisConnector> round) {
    AtomicInteger done = new AtomicInteger();
    try {
      // In the test's thread: a round still running when the bound passes is waited for, so no
      // warm-up command overlaps the test.
      Poll.await("warm-up").atMost(WARM_UP_BOUND).pollInterval(WARM_UP_RETRY).pollInSameThread()
          .until(() -> {
            try {
              while (done.get() < rounds) {
                round.accept(redis);
                done.incrementAndGet();
              }
              return true;
            } catch (StoreException e) {
              return false;
            }
          });
    } catch (ConditionTimeoutException e) {
      // Not warm within the bound: the test runs anyway.
    }
  }
}
