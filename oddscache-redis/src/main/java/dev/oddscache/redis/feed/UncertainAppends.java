package dev.oddscache.redis.feed;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Sequence numbers of this instance's entries whose XADD failed or timed out: the instance
 * applied them itself, but a timed-out XADD may still have run, and the entry then comes back
 * from the stream, where it must not be applied a second time. Bounded: the oldest are
 * forgotten first (such an entry shows up within a round trip, or never). Thread-safe.
 */
final class UncertainAppends {
  private final int capacity;
  private final Set<Long> seqs = new HashSet<>();
  private final ArrayDeque<Long> order = new ArrayDeque<>();

  UncertainAppends(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(long seq) {
    if (seqs.add(seq)) {
      order.addLast(seq);
      if (order.size() > capacity) {
        seqs.remove(order.removeFirst());
      }
    }
  }

  /** Whether {@code seq} was uncertain; it no longer is. O(1) when empty, the usual case. */
  boolean remove(long seq) {
    synchronized (this) {
      return !seqs.isEmpty() && seqs.remove(seq);
    }
  }
}
