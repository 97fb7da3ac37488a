package dev.oddscache.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The tests' one way to wait for real threads, sockets and processes (a server coming up, Redis
 * reconnecting or expiring a key, a log line from Jetty's threads), bounded. Never for time on a
 * ticker: a test on a manual clock advances it instead.
 */
public final class Poll {
  /** Between two checks: short beside what is awaited, long beside a check (one HTTP call). */
  public static final Duration INTERVAL = Duration.ofMillis(50);
  /** Generous for a loaded two-core machine; what is awaited usually takes well under a second. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private Poll() {}

  /** Checks at once, then every {@link #INTERVAL}, for at most {@link #DEFAULT_TIMEOUT}. */
  public static ConditionFactory await() {
    return Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(INTERVAL)
        .atMost(DEFAULT_TIMEOUT);
  }

  /** As {@link #await()}, naming what is awaited in the timeout's message. */
  public static ConditionFactory await(String what) {
    return await().alias(what);
  }
}
