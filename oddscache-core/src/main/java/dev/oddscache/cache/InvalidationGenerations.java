package dev.oddscache.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts invalidations per match and overall, so that a load which started before an
 * invalidation does not put a pre-event value back into the store: the load captures a {@link
 * Stamp} when it starts and writes only if nothing was invalidated since, re-checking after the
 * write because the invalidation may land in between. Thread-safe.
 */
final class InvalidationGenerations {
  /**
   * Loads last milliseconds to seconds; remembering the last 100 000 invalidated matches is
   * ample.
   */
  private static final int MAX_MATCHES = 100_000;

  private final AtomicLong global = new AtomicLong();
  private final Cache<String, AtomicLong> byMatch =
      Caffeine.newBuilder().maximumSize(MAX_MATCHES).executor(Runnable::run).build();

  record Stamp(long global, long match) {}

  Stamp stamp(String matchId) {
    return new Stamp(global.get(), matchGeneration(matchId));
  }

  boolean unchangedSince(String matchId, Stamp stamp) {
    return global.get() == stamp.global() && matchGeneration(matchId) == stamp.match();
  }

  void bump(String matchId) {
    byMatch.get(matchId, k -> new AtomicLong()).incrementAndGet();
  }

  void bumpAll() {
    global.incrementAndGet();
  }

  private long matchGeneration(String matchId) {
    if (matchId == null) {
      return 0;
    }
    AtomicLong generation = byMatch.getIfPresent(matchId);
    return generation == null ? 0 : generation.get();
  }
}
