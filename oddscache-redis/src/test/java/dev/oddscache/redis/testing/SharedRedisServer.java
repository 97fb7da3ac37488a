package dev.oddscache.redis.testing;

import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One {@link RedisServerProcess} and one {@link RedisConnector} for every test of the JVM that
 * only needs "a Redis" (the behavioural suites run hundreds of short tests; a server each would
 * dominate their time). Tests keep apart by giving each store its own namespace ({@link
 * #uniqueName()}). Tests that stop or restart Redis start their own server instead.
 *
 * <p>Started on first use; stopped when the test plan finishes ({@link StopSharedRedisServer})
 * and, as a backstop, when the JVM exits. Thread-safe.
 */
public final class SharedRedisServer {
  /**
   * Longer than the 50 ms default: these tests check behaviour, and a cold JVM on a loaded build
   * machine can exceed 50 ms now and then, which the cache would (rightly) treat as a miss. The
   * default timeout and fail-fast behaviour are tested on connectors of their own.
   */
  public static final Duration COMMAND_TIMEOUT = Duration.ofMillis(500);
  private static final AtomicLong NAMES = new AtomicLong();
  private static RedisServerProcess server;
  private static RedisConnector connector;
  private static boolean hookInstalled;

  private SharedRedisServer() {}

  /** The shared connector, starting the server if needed. */
  public static synchronized RedisConnector connector() {
    if (connector == null) {
      server = RedisServerProcess.start();
      connector = RedisConnector.open(settings(server.uri()));
      if (!hookInstalled) {
        Runtime.getRuntime()
            .addShutdownHook(new Thread(SharedRedisServer::stop, "stop-shared-redis"));
        hookInstalled = true;
      }
    }
    return connector;
  }

  /**
   * Settings for a test connector to {@code uri}: the defaults but a {@link #COMMAND_TIMEOUT}
   * that a loaded build machine does not hit.
   */
  public static RedisSettings settings(String uri) {
    return RedisSettings.custom().uri(uri).commandTimeout(COMMAND_TIMEOUT).build();
  }

  /** The shared server's URI, starting it if needed. */
  public static synchronized String uri() {
    connector();
    return server.uri();
  }

  /** A store name no other store of this JVM has used. */
  public static String uniqueName() {
    return "t" + NAMES.incrementAndGet();
  }

  /** Closes the connector and stops the server; a later {@link #connector()} starts new ones. */
  public static synchronized void stop() {
    if (connector != null) {
      connector.close();
      connector = null;
    }
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
