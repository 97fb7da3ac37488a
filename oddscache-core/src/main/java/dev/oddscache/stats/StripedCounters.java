package dev.oddscache.stats;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed set of monotonic counters, with one row per recording thread. Thread-safe and
 * lock-free; increments never allocate (a thread's row is created on its first update).
 *
 * <p>A row belongs to one live thread ({@link ThreadSlots}), so its updates are plain
 * read-add-write with an opaque store: no compare-and-set, no lock prefix, and no cache line
 * shared with another writer. The previous version striped rows with compare-and-set on every
 * update, and that CAS was a fifth of a fresh hit in a JFR profile (BENCHMARKS.md). Threads
 * beyond {@link ThreadSlots#OWNED} live at once share a few padded rows with atomic adds, so
 * nothing is ever lost, only slower.
 *
 * <p>Sums read every row: O(live threads), for snapshots and scrapes only. A sum taken during
 * updates may miss the latest few increments of a thread; it never counts one twice, and it
 * never goes backwards.
 */
final class StripedCounters {
  /** Shared rows for overflow threads: a power of two at least twice the cores, at most 16. */
  static final int STRIPES = Integer.highestOneBit(
      Math.max(1, Math.min(16, 2 * Runtime.getRuntime().availableProcessors())) * 2 - 1);

  /** Longs of padding after each row: 128 bytes, against adjacent-line prefetching. */
  private static final int PAD = 16;

  private final int counters;
  private final AtomicReferenceArray<Row> owned = new AtomicReferenceArray<>(ThreadSlots.OWNED);
  private final Row[] sharedRows = new Row[STRIPES];

  StripedCounters(int counters) {
    this.counters = counters;
    for (int i = 0; i < STRIPES; i++) {
      sharedRows[i] = new SharedRow(counters);
    }
  }

  void increment(int counter) {
    row().add(counter, 1);
  }

  void add(int counter, long amount) {
    row().add(counter, amount);
  }

  /** The calling thread's row, for several updates in a row. Never share it with another thread. */
  Row row() {
    return row(ThreadSlots.current());
  }

  /**
   * The row of the thread holding {@code slot}, its {@link ThreadSlots#current()}: a request
   * that records into several counter sets looks its slot up once.
   */
  Row row(int slot) {
    if (slot >= ThreadSlots.OWNED) {
      return sharedRows[slot & (STRIPES - 1)];
    }
    Row row = owned.getPlain(slot);
    if (row == null) {
      row = owned.get(slot);
      if (row == null) {
        // Only this slot's thread creates its row, so a plain set cannot race with another
        // creation; the volatile set publishes it to readers.
        row = new OwnedRow(counters);
        owned.set(slot, row);
      }
    }
    return row;
  }

  long sum(int counter) {
    long sum = 0;
    for (int i = 0, n = owned.length(); i < n; i++) {
      Row row = owned.get(i);
      if (row != null) {
        sum += row.get(counter);
      }
    }
    for (Row row : sharedRows) {
      sum += row.get(counter);
    }
    return sum;
  }

  /** One counter as an object, for a Micrometer function counter to read. */
  View view(int counter) {
    return new View(this, counter);
  }

  /** The counters of one thread (or of a few, for a shared row). */
  abstract static class Row {
    final AtomicLongArray cells;

    Row(int counters) {
      this.cells = new AtomicLongArray(counters + PAD);
    }

    abstract void add(int counter, long amount);

    final void increment(int counter) {
      add(counter, 1);
    }

    final long get(int counter) {
      return cells.getOpaque(counter);
    }
  }

  /** Written by its owning thread only: a plain read and an opaque write. */
  private static final class OwnedRow extends Row {
    OwnedRow(int counters) {
      super(counters);
    }

    @Override
    void add(int counter, long amount) {
      cells.setOpaque(counter, cells.getPlain(counter) + amount);
    }
  }

  /** Written by any number of overflow threads: atomic adds. */
  private static final class SharedRow extends Row {
    SharedRow(int counters) {
      super(counters);
    }

    @Override
    void add(int counter, long amount) {
      cells.getAndAdd(counter, amount);
    }
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
