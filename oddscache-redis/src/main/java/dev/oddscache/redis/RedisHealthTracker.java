package dev.oddscache.redis;

import dev.oddscache.Ticker;
import dev.oddscache.redis.internal.FallbackStateMachine;
import dev.oddscache.redis.internal.Transition;
import dev.oddscache.store.StoreHealth;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health of the Redis connection, from the outcome of every command: HEALTHY while commands
 * succeed, DEGRADED after a failure while connected, FALLBACK when disconnected or after three
 * failures in a row ({@link HealthEvent}). Logs on change only; counts entries into FALLBACK.
 * Thread-safe.
 */
final class RedisHealthTracker {
  private static final Logger log = LoggerFactory.getLogger(RedisHealthTracker.class);
  static final int FAILURES_FOR_FALLBACK = 3;

  private final String endpoint;
  private final FallbackStateMachine<StoreHealth, HealthEvent> health;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder failures = new LongAdder();

  RedisHealthTracker(String endpoint) {
    this.endpoint = endpoint;
    // The health rule counts failures, not time: which ticker the machine reads does not matter.
    this.health = new FallbackStateMachine<>(log, "redis health", StoreHealth.HEALTHY,
        (current, event, now) -> event.next(current), Ticker.system());
    health.onTransition(this::logChange);
  }

  StoreHealth state() {
    return health.state();
  }

  long fallbacks() {
    return fallbacks.sum();
  }

  long failures() {
    return failures.sum();
  }

  /** Called after every change of health, after this tracker's own count and log line. */
  void addListener(Consumer<StoreHealth> listener) {
    health.onTransition(transition -> listener.accept(transition.to()));
  }

  void succeeded() {
    consecutiveFailures.set(0);
    // Every command ends here: the healthy case costs one read.
    if (health.state() != StoreHealth.HEALTHY) {
      health.fire(HealthEvent.SUCCEEDED);
    }
  }

  void failed(String operation, Throwable error, boolean connected) {
    failures.increment();
    int inARow = consecutiveFailures.incrementAndGet();
    health.fire(new HealthEvent.Failed(operation, error, connected, inARow));
  }

  void disconnected() {
    health.fire(HealthEvent.DISCONNECTED);
  }

  private void logChange(Transition<StoreHealth, HealthEvent> change) {
    StoreHealth next = change.to();
    if (next == StoreHealth.FALLBACK) {
      fallbacks.increment();
    }
    Throwable error = change.event().error();
    var event = next == StoreHealth.HEALTHY ? log.atInfo() : log.atWarn();
    event.addKeyValue("endpoint", endpoint)
        .addKeyValue("from", change.from())
        .addKeyValue("to", next)
        .addKeyValue("operation", change.event().operation())
        .addKeyValue("error", error == null ? null : error.toString())
        .log(next == StoreHealth.HEALTHY
            ? "redis healthy again" : "redis unhealthy, using fallbacks");
  }
}
