package dev.oddscache.stats;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed set of monotonic counters, striped by thread: each stripe is one row holding every
 * counter, padded so that rows do not share cache lines. A request that bumps six counters
 * touches one or two cache lines of its own row instead of six {@code LongAdder}s, each with its
 * own cells and probe. Thread-safe and lock-free; increments never allocate.
 *
 * <p>Each thread has a slot number, first given round-robin; an update that finds its cell
 * contended (a failed compare-and-set) still lands, atomically, and moves its thread to the next
 * free slot, as {@code LongAdder} rehashes its probe. So threads that happen to share a row (two
 * benchmark threads did, and ran slower than one) drift apart after a few collisions, as long as
 * there are more rows than busy threads. Sums read every row: O(stripes), for snapshots and
 * scrapes only.
 */
final class StripedCounters {
  /** Rows: a power of two at least twice the cores, at most 16 (memory: rows x counters x 8 B). */
  static final int STRIPES = Integer.highestOneBit(
      Math.max(1, Math.min(16, 2 * Runtime.getRuntime().availableProcessors())) * 2 - 1);

  private static final AtomicInteger NEXT_SLOT = new AtomicInteger();
  private static final ThreadLocal<int[]> SLOT =
      ThreadLocal.withInitial(() -> new int[] {NEXT_SLOT.getAndIncrement()});

  /** Longs of padding on each side of a row: 128 bytes, against adjacent-line prefetching. */
  private static final int PAD = 16;

  private final int mask;
  private final int stride;
  private final AtomicLongArray cells;

  StripedCounters(int counters) {
    int stripes = STRIPES;
    this.mask = stripes - 1;
    this.stride = counters + PAD;
    this.cells = new AtomicLongArray(PAD + stripes * stride);
  }

  void increment(int counter) {
    add(row(), counter, 1);
  }

  void add(int counter, long amount) {
    add(row(), counter, amount);
  }

  /** The calling thread's row, for several updates in a row: {@link #increment(int, int)}. */
  int row() {
    return PAD + (SLOT.get()[0] & mask) * stride;
  }

  void increment(int row, int counter) {
    add(row, counter, 1);
  }

  void add(int row, int counter, long amount) {
    int i = row + counter;
    long v = cells.get(i);
    if (!cells.weakCompareAndSetVolatile(i, v, v + amount)) {
      cells.getAndAdd(i, amount);
      // Another thread writes this row: take a new slot for this thread's next updates.
      SLOT.get()[0] = NEXT_SLOT.getAndIncrement();
    }
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
