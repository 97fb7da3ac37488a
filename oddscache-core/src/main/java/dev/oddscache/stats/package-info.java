/**
 * Cache statistics: the cache records each event through {@link
 * dev.oddscache.stats.CacheMetrics}, guarded so that a failing meter never fails a request;
 * {@link dev.oddscache.stats.CacheStatsRecorder} counts each event once and feeds both the
 * monotonic Micrometer meters and the resettable {@link dev.oddscache.stats.CacheStats}
 * snapshot, whose names are those of the original Python system oddscache replaces, so that its
 * dashboards keep working. The mapping from every such name to a Prometheus series is in {@code
 * docs/metrics.md}.
 */
package dev.oddscache.stats;
