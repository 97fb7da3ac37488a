package dev.oddscache.redis;

import dev.oddscache.Ticker;
import dev.oddscache.redis.internal.FallbackStateMachine;
import dev.oddscache.redis.internal.Transition;
import dev.oddscache.store.StoreHealth;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health of the Redis connection, from the outcome of every command: HEALTHY while commands
 * succeed, DEGRADED after a failure while connected, FALLBACK when disconnected or after three
 * failures in a row ({@link HealthEvent}). Back to HEALTHY once every operation that failed has
 * succeeded again, or after {@link #QUIET} without a failure: a Redis that refuses every write but
 * answers reads stays DEGRADED instead of flapping.
 *
 * <p>Logs on change of level only, never per failed command: a WARN when the health leaves
 * HEALTHY or gets worse, a WARN when it is HEALTHY again with the number of commands that failed
 * meanwhile and how long it lasted (WARN, like the line it closes, so that the server's default
 * level shows both). Counts entries into FALLBACK and every failure. Thread-safe.
 */
final class RedisHealthTracker {
  private static final Logger log = LoggerFactory.getLogger(RedisHealthTracker.class);
  static final int FAILURES_FOR_FALLBACK = 3;
  /** After this long without a failure, the next success heals whatever failed before. */
  static final Duration QUIET = Duration.ofSeconds(30);

  private final String endpoint;
  private final Ticker ticker;
  private final FallbackStateMachine<HealthState, HealthEvent> health;
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicLong failuresSinceHealthy = new AtomicLong();
  private final AtomicLong unhealthySinceNanos = new AtomicLong();

  RedisHealthTracker(String endpoint) {
    this(endpoint, Ticker.system());
  }

  /** @param ticker measures the quiet period and how long an episode lasted */
  RedisHealthTracker(String endpoint, Ticker ticker) {
    this.endpoint = endpoint;
    this.ticker = ticker;
    long quietNanos = QUIET.toNanos();
    this.health = new FallbackStateMachine<>(log, "redis health", HealthState.HEALTHY,
        (current, event, now) -> event.next(current, now, quietNanos), ticker);
    health.onTransition(this::logChange);
  }

  StoreHealth state() {
    return health.state().level();
  }

  long fallbacks() {
    return fallbacks.sum();
  }

  long failures() {
    return failures.sum();
  }

  /**
   * Called after every change of level (not for a change of what is failing within one level),
   * after this tracker's own count and log line.
   */
  void addListener(Consumer<StoreHealth> listener) {
    health.onTransition(transition -> {
      if (transition.from().level() != transition.to().level()) {
        listener.accept(transition.to().level());
      }
    });
  }

  void succeeded(String operation) {
    consecutiveFailures.set(0);
    // Every command ends here: the healthy case costs one read.
    if (health.state().level() != StoreHealth.HEALTHY) {
      health.fire(new HealthEvent.Succeeded(operation));
    }
  }

  void failed(String operation, Throwable error, boolean connected) {
    failures.increment();
    failuresSinceHealthy.incrementAndGet();
    int inARow = consecutiveFailures.incrementAndGet();
    health.fire(new HealthEvent.Failed(operation, error, connected, inARow));
  }

  void disconnected() {
    health.fire(HealthEvent.DISCONNECTED);
  }

  private void logChange(Transition<HealthState, HealthEvent> change) {
    StoreHealth from = change.from().level();
    StoreHealth next = change.to().level();
    if (from == next) {
      return;
    }
    if (next == StoreHealth.FALLBACK) {
      fallbacks.increment();
    }
    if (from == StoreHealth.HEALTHY) {
      unhealthySinceNanos.set(ticker.nanoTime());
    }
    Throwable error = change.event().error();
    if (next == StoreHealth.HEALTHY) {
      long failed = failuresSinceHealthy.getAndSet(0);
      log.atWarn().addKeyValue("endpoint", endpoint)
          .addKeyValue("from", from)
          .addKeyValue("to", next)
          .addKeyValue("failedCommands", failed)
          .addKeyValue("unhealthyFor",
              Duration.ofNanos(ticker.nanoTime() - unhealthySinceNanos.get()))
          .log("redis healthy again");
      return;
    }
    var event = next.ordinal() > from.ordinal() ? log.atWarn() : log.atInfo();
    event.addKeyValue("endpoint", endpoint)
        .addKeyValue("from", from)
        .addKeyValue("to", next)
        .addKeyValue("operation", change.event().operation())
        .addKeyValue("error", error == null ? null : error.toString())
        .addKeyValue("stillFailing", new TreeSet<>(change.to().failing()))
        .log(next.ordinal() > from.ordinal()
            ? "redis unhealthy, using fallbacks"
            : "redis reachable again, some commands still fail");
  }
}
