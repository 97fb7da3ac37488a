package dev.oddscache.stats;

import java.util.Locale;

/**
 * How {@code oddscache.request.duration} and {@code oddscache.served.age} give their quantiles.
 * Whichever is chosen, {@link CacheStats}'s own latency percentiles keep working, and every
 * registry sees the two meters' count and total.
 */
public enum Quantiles {
  /**
   * Fixed buckets ({@link HistogramView}), recorded in per-thread rows without contention and
   * folded when read; a Prometheus exporter turns them into {@code _bucket} series, which add up
   * across a fleet, so that {@code histogram_quantile} gives the fleet's p99 and not the worst
   * instance's. In Micrometer the two meters are function timers with count and total only.
   * The default.
   */
  HISTOGRAM,

  /**
   * Micrometer's client-side p50, p95 and p99 over a decaying two-minute window, per process.
   * They cannot be added up across instances, and every recording updates HdrHistogram windows
   * that all request threads share, which costs most of a fresh hit.
   */
  SUMMARY,

  /** Count, total and maximum only: the cheapest, with no quantile in any registry. */
  NONE;

  /** The lower-case name used in config files: {@code histogram}, {@code summary}, {@code none}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
