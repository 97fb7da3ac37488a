package dev.oddscache.tools.sim;

import dev.oddscache.ManualTicker;
import dev.oddscache.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;

/**
 * A discrete-event loop on virtual time: tasks run in order of (virtual time, order of
 * submission), and before each one the {@link ManualTicker} is moved to its time. The cache under
 * simulation gets this object as its {@link Scheduler} and {@link Executor}, so everything it does
 * "later" or "asynchronously" happens inside this loop, on the calling thread, deterministically.
 *
 * <p>{@link #execute} queues a task for the current instant, after the tasks already queued for
 * it; {@link #schedule} queues one for later. Neither runs the task before returning: only {@link
 * #runUntil} does. Not thread-safe: one simulation, one thread.
 */
final class VirtualTime implements Scheduler, Executor {
  private final ManualTicker ticker;
  private final long startMillis;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long nowNanos;
  private long sequence;

  VirtualTime(Instant start) {
    this.ticker = new ManualTicker(start);
    this.startMillis = start.toEpochMilli();
  }

  /** The ticker to inject; it reads the loop's current time. */
  ManualTicker ticker() {
    return ticker;
  }

  /** Nanoseconds since the start. */
  long nowNanos() {
    return nowNanos;
  }

  /** Wall-clock epoch millis of the start. */
  long startMillis() {
    return startMillis;
  }

  /** Tasks queued and not yet run, cancelled ones included. */
  int pending() {
    return queue.size();
  }

  /**
   * Queues {@code task} at {@code atNanos} since the start.
   *
   * @throws IllegalArgumentException if that is in the past
   */
  Scheduler.Cancellable at(long atNanos, Runnable task) {
    if (atNanos < nowNanos) {
      throw new IllegalArgumentException("atNanos must not be in the past, got " + atNanos
          + " while now is " + nowNanos);
    }
    Task t = new Task(atNanos, sequence++, Objects.requireNonNull(task, "task"));
    queue.add(t);
    return t;
  }

  @Override
  public Scheduler.Cancellable schedule(Duration delay, Runnable task) {
    long nanos = Math.max(0, delay.toNanos());
    return at(nowNanos + nanos, task);
  }

  @Override
  public void execute(Runnable task) {
    at(nowNanos, task);
  }

  /**
   * Runs every task due at or before {@code untilNanos}, including those they queue for that
   * period, then leaves the clock at the time of the last task run (not at {@code untilNanos}).
   *
   * @return the number of tasks run
   */
  long runUntil(long untilNanos) {
    long ran = 0;
    while (!queue.isEmpty() && queue.peek().atNanos <= untilNanos) {
      Task t = queue.poll();
      if (t.cancelled) {
        continue;
      }
      advanceTo(t.atNanos);
      t.task.run();
      ran++;
    }
    return ran;
  }

  /** Moves the clock forward to {@code atNanos} without running anything. */
  void advanceTo(long atNanos) {
    if (atNanos > nowNanos) {
      ticker.advance(Duration.ofNanos(atNanos - nowNanos));
      nowNanos = atNanos;
    }
  }

  /** A queued task; ordered by time, then by submission. */
  private static final class Task implements Comparable<Task>, Scheduler.Cancellable {
    final long atNanos;
    final long sequence;
    final Runnable task;
    boolean cancelled;

    Task(long atNanos, long sequence, Runnable task) {
      this.atNanos = atNanos;
      this.sequence = sequence;
      this.task = task;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(atNanos, o.atNanos);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }
}
