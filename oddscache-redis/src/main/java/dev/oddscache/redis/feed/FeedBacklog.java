package dev.oddscache.redis.feed;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Entries an instance applied itself because the stream could not take them, in the order they
 * were taken, waiting to be appended when Redis is back. While it is {@linkplain #active()
 * active} (not empty, or its last entries still being appended) new entries queue behind it, so
 * that the stream keeps each instance's order. Bounded: beyond {@code capacity} the oldest are
 * dropped and counted (the other instances never see them; this one already applied them).
 * Thread-safe.
 */
final class FeedBacklog {
  private final int capacity;
  private final ArrayDeque<FeedEntry> entries = new ArrayDeque<>();
  private boolean active;
  private long dropped;

  FeedBacklog(int capacity) {
    this.capacity = capacity;
  }

  /** Queues {@code entry} behind the others and makes the backlog active. */
  synchronized void add(FeedEntry entry) {
    active = true;
    if (capacity == 0) {
      dropped++;
      return;
    }
    if (entries.size() == capacity) {
      entries.removeFirst();
      dropped++;
    }
    entries.addLast(entry);
  }

  /** Whether new entries must queue here rather than go to the stream. */
  synchronized boolean active() {
    return active;
  }

  /** The oldest entries, at most {@code max}, left in place until {@link #remove}. */
  synchronized List<FeedEntry> peek(int max) {
    List<FeedEntry> head = new ArrayList<>(Math.min(max, entries.size()));
    for (FeedEntry e : entries) {
      if (head.size() == max) {
        break;
      }
      head.add(e);
    }
    return head;
  }

  /**
   * Removes {@code appended} entries of {@code head} (a {@link #peek}) that are still at the
   * front (some may have been dropped for capacity meanwhile); once empty, the backlog is no
   * longer active.
   *
   * @return whether the backlog is now empty and inactive
   */
  synchronized boolean remove(List<FeedEntry> head, int appended) {
    for (int i = 0; i < appended; i++) {
      if (entries.peekFirst() == head.get(i)) {
        entries.removeFirst();
      }
    }
    if (entries.isEmpty()) {
      active = false;
    }
    return !active;
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long dropped() {
    return dropped;
  }
}
