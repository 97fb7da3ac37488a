package dev.oddscache.cache;

import dev.oddscache.ManualTicker;
import dev.oddscache.Scheduler;
import java.time.Duration;
import java.util.PriorityQueue;

/** A scheduler on a {@link ManualTicker}: tasks run when the test advances time past them. */
final class ManualScheduler implements Scheduler {
  private final ManualTicker ticker;
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private long sequence;

  ManualScheduler(ManualTicker ticker) {
    this.ticker = ticker;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(ticker.nanoTime() + delay.toNanos(), sequence++, task);
    tasks.add(t);
    return () -> {
      synchronized (this) {
        tasks.remove(t);
      }
    };
  }

  /** Advances the ticker by {@code amount}, running every task that falls due, in order. */
  void advance(Duration amount) {
    long target = ticker.nanoTime() + amount.toNanos();
    for (;;) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.dueNanos > target) {
          break;
        }
        tasks.poll();
      }
      ticker.advance(Duration.ofNanos(Math.max(0, next.dueNanos - ticker.nanoTime())));
      next.task.run();
    }
    ticker.advance(Duration.ofNanos(Math.max(0, target - ticker.nanoTime())));
  }

  synchronized int pending() {
    return tasks.size();
  }

  private record Task(long dueNanos, long sequence, Runnable task) implements Comparable<Task> {
    @Override
    public int compareTo(Task o) {
      int byTime = Long.compare(dueNanos, o.dueNanos);
      return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
    }
  }
}
