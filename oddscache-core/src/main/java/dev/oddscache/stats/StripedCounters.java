package dev.oddscache.stats;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed set of monotonic counters, striped by thread: each stripe is one row holding every
 * counter, padded so that rows do not share cache lines. A request that bumps six counters
 * touches one or two cache lines of its own row instead of six {@code LongAdder}s, each with its
 * own cells and probe. Thread-safe and lock-free; increments never allocate.
 *
 * <p>Each thread is given a slot number the first time it counts, round-robin over all threads,
 * so the first {@link #STRIPES} threads to count land on distinct rows whatever their ids (hashing
 * ids let two benchmark threads share a row and bounce its lines, slower than one thread alone).
 * Threads that share a row stay correct, since every update is atomic, and merely contend. Sums
 * read every row: O(stripes), for snapshots and scrapes only.
 */
final class StripedCounters {
  private static final AtomicInteger NEXT_SLOT = new AtomicInteger();
  private static final ThreadLocal<int[]> SLOT =
      ThreadLocal.withInitial(() -> new int[] {NEXT_SLOT.getAndIncrement()});

  /** Longs of padding on each side of a row: 128 bytes, against adjacent-line prefetching. */
  private static final int PAD = 16;

  private final int mask;
  private final int stride;
  private final AtomicLongArray cells;

  /** Rows: a power of two at least twice the cores, at most 16 (memory: rows x counters x 8 B). */
  static final int STRIPES = Integer.highestOneBit(
      Math.max(1, Math.min(16, 2 * Runtime.getRuntime().availableProcessors())) * 2 - 1);

  StripedCounters(int counters) {
    int stripes = STRIPES;
    this.mask = stripes - 1;
    this.stride = counters + PAD;
    this.cells = new AtomicLongArray(PAD + stripes * stride);
  }

  void increment(int counter) {
    cells.getAndIncrement(row() + counter);
  }

  void add(int counter, long amount) {
    cells.getAndAdd(row() + counter, amount);
  }

  /** The calling thread's row, for several updates in a row: {@link #increment(int, int)}. */
  int row() {
    return PAD + (SLOT.get()[0] & mask) * stride;
  }

  void increment(int row, int counter) {
    cells.getAndIncrement(row + counter);
  }

  void add(int row, int counter, long amount) {
    cells.getAndAdd(row + counter, amount);
  }

  long sum(int counter) {
    long sum = 0;
    for (int row = PAD + counter, end = cells.length(); row < end; row += stride) {
      sum += cells.get(row);
    }
    return sum;
  }

  /** One counter as an object, for a Micrometer function counter to read. */
  View view(int counter) {
    return new View(this, counter);
  }

  static final class View {
    private final StripedCounters counters;
    private final int counter;

    private View(StripedCounters counters, int counter) {
      this.counters = counters;
      this.counter = counter;
    }

    double value() {
      return counters.sum(counter);
    }
  }

}
