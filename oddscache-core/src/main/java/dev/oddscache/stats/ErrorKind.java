package dev.oddscache.stats;

import java.util.Locale;

/** What failed, for {@link CacheStatsRecorder#recordError}; the tag of the errors counter. */
public enum ErrorKind {
  /** The backend loader threw or returned null. */
  LOAD,
  /** The store (in-memory or Redis) failed a read or a write. */
  STORE,
  /**
   * Every load slot stayed taken for the load queue timeout and no stored value could be served
   * instead: the request failed with an overload error.
   */
  OVERLOAD,
  /** Recording a metric failed; the request itself went on, since metrics never fail one. */
  METRICS;

  /** Lower-case label for metric tags: {@code load}, {@code store}... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
