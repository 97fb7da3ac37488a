package dev.oddscache;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task after a delay: the only way oddscache waits for time, so the simulator can replace
 * it with virtual time. Implementations must be thread-safe and must not run the task on the
 * calling thread.
 */
@FunctionalInterface
public interface Scheduler {

  /** Runs {@code task} after {@code delay}; the returned handle cancels it if it has not run. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A handle to a scheduled task. */
  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }

  /** A scheduler backed by one shared daemon thread, for the wall clock. */
  static Scheduler system() {
    return SystemScheduler.INSTANCE;
  }

  /** Wraps a {@link ScheduledExecutorService} owned by the caller. */
  static Scheduler of(ScheduledExecutorService executor) {
    return (delay, task) -> {
      ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    };
  }
}

final class SystemScheduler {
  static final Scheduler INSTANCE = Scheduler.of(Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "oddscache-scheduler");
    t.setDaemon(true);
    return t;
  }));

  private SystemScheduler() {}
}
