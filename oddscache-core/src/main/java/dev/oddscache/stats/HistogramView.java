package dev.oddscache.stats;

import java.util.Map;

/**
 * One series of a fixed-bucket histogram of the cache, for an exporter to publish as a classic
 * Prometheus histogram ({@code <name>_seconds_bucket{le}}, {@code _count}, {@code _sum}). With
 * {@link Quantiles#HISTOGRAM} the cache has one for {@code oddscache.request.duration} and one
 * per strategy for {@code oddscache.served.age}; see {@code OddsCache.histograms()}.
 *
 * <p>The cache also registers a Micrometer function timer under the same name and tags, with
 * the same count and total: an exporter that publishes this view must keep that timer out of its
 * registry (a {@code MeterFilter}), or the two would collide under one name.
 */
public interface HistogramView {
  /** The Micrometer meter name, dotted: {@code oddscache.request.duration}. */
  String name();

  /** One line for a {@code HELP} text. */
  String description();

  /** The series' own tags by key, e.g. {@code strategy=compute}; empty when it has none. */
  Map<String, String> tags();

  /**
   * The counts now, values in seconds. Reads every recording thread's row: O(threads ×
   * buckets), for scrapes and once-a-second samplers, never for requests.
   */
  HistogramCounts counts();
}
