package dev.oddscache.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * The cap of one per-match map whose keys come from clients (match ids in requests or ticks): when
 * the map grows past {@link #max()}, {@link #trim} drops matches by {@link MatchEviction} and
 * counts them. One thread trims at a time; the others carry on, so a map may briefly hold a few
 * more matches than the cap while a trim runs. Thread-safe.
 */
public final class MatchCap {
  private final int max;
  private final ReentrantLock trimming = new ReentrantLock();
  private final LongAdder evictions = new LongAdder();

  /** @throws IllegalArgumentException if {@code max} is below 1 */
  public MatchCap(String field, int max) {
    this.max = atLeastOne(field, max);
  }

  /** {@code value}, if it is at least one; else an error naming {@code field}. */
  public static int atLeastOne(String field, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }
    return value;
  }

  public int max() {
    return max;
  }

  /** How many matches this cap has dropped so far. */
  public long evictions() {
    return evictions.sum();
  }

  /**
   * Drops matches from {@code map} if it holds more than the cap; cheap when it does not.
   * A match is removed only if its value is still the one examined and has not been asked for
   * since, so a match asked for while the trim runs stays.
   *
   * @param panicking whether a value is a match to keep longer
   * @param lastAsked when a value was last asked for or updated
   * @return the number of matches dropped by this call
   */
  public <V> int trim(ConcurrentMap<String, V> map, Predicate<V> panicking,
      ToLongFunction<V> lastAsked) {
    if (map.size() <= max || !trimming.tryLock()) {
      return 0;
    }
    try {
      int excess = MatchEviction.excess(map.size(), max);
      if (excess == 0) {
        return 0;
      }
      List<MatchEviction.Candidate<Seen<V>>> candidates = new ArrayList<>(map.size());
      for (Map.Entry<String, V> e : map.entrySet()) {
        V v = e.getValue();
        long asked = lastAsked.applyAsLong(v);
        candidates.add(new MatchEviction.Candidate<>(new Seen<>(e.getKey(), v, asked),
            panicking.test(v), asked));
      }
      int dropped = 0;
      for (Seen<V> seen : MatchEviction.victims(candidates, excess)) {
        // A value that is asked for again while the trim runs is no longer the least recent.
        if (lastAsked.applyAsLong(seen.value()) == seen.asked()
            && map.remove(seen.key(), seen.value())) {
          dropped++;
        }
      }
      evictions.add(dropped);
      return dropped;
    } finally {
      trimming.unlock();
    }
  }

  /** A match as the trim examined it. */
  private record Seen<V>(String key, V value, long asked) {}

  @Override
  public String toString() {
    return "MatchCap{max=" + max + ", evictions=" + evictions() + '}';
  }
}
