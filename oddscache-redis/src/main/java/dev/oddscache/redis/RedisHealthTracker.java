package dev.oddscache.redis;

import dev.oddscache.store.StoreHealth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health of the Redis connection, from the outcome of every command: HEALTHY while commands
 * succeed, DEGRADED after a failure while connected, FALLBACK when disconnected or after three
 * failures in a row. Logs on change only; counts entries into FALLBACK. Thread-safe.
 */
final class RedisHealthTracker {
  private static final Logger log = LoggerFactory.getLogger(RedisHealthTracker.class);
  static final int FAILURES_FOR_FALLBACK = 3;

  private final String endpoint;
  private final AtomicReference<StoreHealth> state = new AtomicReference<>(StoreHealth.HEALTHY);
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final List<Consumer<StoreHealth>> listeners = new CopyOnWriteArrayList<>();

  RedisHealthTracker(String endpoint) {
    this.endpoint = endpoint;
  }

  StoreHealth state() {
    return state.get();
  }

  long fallbacks() {
    return fallbacks.sum();
  }

  long failures() {
    return failures.sum();
  }

  void addListener(Consumer<StoreHealth> listener) {
    listeners.add(listener);
  }

  void succeeded() {
    consecutiveFailures.set(0);
    moveTo(StoreHealth.HEALTHY, null, null);
  }

  void failed(String operation, Throwable error, boolean connected) {
    failures.increment();
    int inARow = consecutiveFailures.incrementAndGet();
    StoreHealth next = !connected || inARow >= FAILURES_FOR_FALLBACK
        ? StoreHealth.FALLBACK : StoreHealth.DEGRADED;
    if (next.ordinal() > state.get().ordinal()) {
      moveTo(next, operation, error);
    }
  }

  void disconnected() {
    moveTo(StoreHealth.FALLBACK, "connection", null);
  }

  private void moveTo(StoreHealth next, String operation, Throwable error) {
    StoreHealth previous = state.getAndSet(next);
    if (previous == next) {
      return;
    }
    if (next == StoreHealth.FALLBACK) {
      fallbacks.increment();
    }
    var event = next == StoreHealth.HEALTHY ? log.atInfo() : log.atWarn();
    event.addKeyValue("endpoint", endpoint)
        .addKeyValue("from", previous)
        .addKeyValue("to", next)
        .addKeyValue("operation", operation)
        .addKeyValue("error", error == null ? null : error.toString())
        .log(next == StoreHealth.HEALTHY ? "redis healthy again" : "redis unhealthy, using fallbacks");
    for (Consumer<StoreHealth> listener : listeners) {
      try {
        listener.accept(next);
      } catch (RuntimeException e) {
        log.warn("redis health listener failed", e);
      }
    }
  }
}
