/**
 * Cache statistics (SPEC §11): {@link dev.oddscache.stats.CacheStatsRecorder} counts each event
 * once and feeds both the monotonic Micrometer meters and the resettable {@link
 * dev.oddscache.stats.CacheStats} snapshot, whose names are those of the Python original. The
 * mapping from every original name to a Prometheus series is in {@code docs/metrics.md}.
 */
package dev.oddscache.stats;
