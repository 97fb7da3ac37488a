package dev.oddscache.stats;

import java.util.Locale;

/** What failed, for {@link CacheStatsRecorder#recordError}; the tag of the errors counter. */
public enum ErrorKind {
  /** The backend loader threw or returned null. */
  LOAD,
  /** The store (in-memory or Redis) failed a read or a write. */
  STORE,
  /** The bulkhead was full and the request could not wait (SPEC §9). */
  OVERLOAD,
  /** Recording a metric failed; the request itself went on (SPEC §9, fail-safe metrics). */
  METRICS;

  /** Lower-case label for metric tags: {@code load}, {@code store}... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
