package dev.oddscache.cache;

import dev.oddscache.Scheduler;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code permits} loads in flight. Waiting is asynchronous: a waiter is queued
 * and either handed a permit by a release or timed out by the {@link Scheduler}, whichever comes
 * first; no thread blocks. Thread-safe.
 */
final class Bulkhead {
  private final int permits;
  private final AtomicInteger inUse = new AtomicInteger();
  private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();
  private final Scheduler scheduler;
  private final Executor executor;

  Bulkhead(int permits, Scheduler scheduler, Executor executor) {
    this.permits = permits;
    this.scheduler = scheduler;
    this.executor = executor;
  }

  boolean tryAcquire() {
    for (;;) {
      int current = inUse.get();
      if (current >= permits) {
        return false;
      }
      if (inUse.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  boolean isFull() {
    return inUse.get() >= permits;
  }

  int inUse() {
    return inUse.get();
  }

  /** Whether a load is queued for a permit. */
  boolean hasWaiters() {
    return !waiters.isEmpty();
  }

  /**
   * Runs {@code onPermit} once a permit is held — at once on the calling thread when one is free,
   * later on the executor — or {@code onTimeout} if none frees up within {@code timeout}. Exactly
   * one of the two runs.
   */
  void acquire(Duration timeout, Runnable onPermit, Runnable onTimeout) {
    if (tryAcquire()) {
      onPermit.run();
      return;
    }
    Waiter waiter = new Waiter(onPermit);
    waiters.add(waiter);
    waiter.timeout = scheduler.schedule(timeout, () -> {
      if (waiter.claim()) {
        waiters.remove(waiter);
        onTimeout.run();
      }
    });
    // A release may have happened between the failed tryAcquire and the enqueue.
    if (tryAcquire()) {
      handOver();
    }
  }

  /** Returns a permit, handing it straight to the oldest live waiter if there is one. */
  void release() {
    handOver();
  }

  /** Called while holding one permit: passes it to a waiter, or returns it. */
  private void handOver() {
    Waiter waiter;
    while ((waiter = waiters.poll()) != null) {
      if (waiter.claim()) {
        waiter.timeout.cancel();
        executor.execute(waiter.onPermit);
        return;
      }
    }
    inUse.decrementAndGet();
    // A waiter may have queued after the poll found none; give it the permit now.
    if (!waiters.isEmpty() && tryAcquire()) {
      handOver();
    }
  }

  private static final class Waiter {
    final Runnable onPermit;
    final AtomicBoolean claimed = new AtomicBoolean();
    volatile Scheduler.Cancellable timeout = () -> {};

    Waiter(Runnable onPermit) {
      this.onPermit = onPermit;
    }

    boolean claim() {
      return claimed.compareAndSet(false, true);
    }
  }
}
