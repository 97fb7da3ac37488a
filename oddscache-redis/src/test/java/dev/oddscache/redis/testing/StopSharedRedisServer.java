package dev.oddscache.redis.testing;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Stops the {@link SharedRedisServer} when the test plan has run, so no redis-server outlives
 * the build. Registered through {@code META-INF/services}; the launcher finds it by itself.
 */
public final class StopSharedRedisServer implements TestExecutionListener {
  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    SharedRedisServer.stop();
  }
}
