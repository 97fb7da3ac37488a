package dev.oddscache.redis.feed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (origin, sequence number) of the last {@code capacity} entries read, so that an entry
 * appended twice is applied once: a timed-out XADD that still ran, then its copy from the
 * origin's backlog (same sequence number), or a backlog append retried after a timeout. Read
 * and written by the reader thread only: not thread-safe.
 */
final class RecentEntries {
  private final Map<Key, Boolean> seen;

  RecentEntries(int capacity) {
    this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
        return size() > capacity;
      }
    };
  }

  /** Whether the entry of {@code origin} and {@code seq} was read before; now it has been. */
  boolean seenBefore(String origin, long seq) {
    return seen.put(new Key(origin, seq), Boolean.TRUE) != null;
  }

  private record Key(String origin, long seq) {}
}
