/**
 * The cache's histograms on {@code /metrics}: {@link
 * dev.oddscache.server.metrics.PrometheusHistograms} keeps the Micrometer count/sum timers of the
 * request duration and the served age out of the Prometheus registry and exports the cache's
 * bucket counts in their place, as classic Prometheus histograms that add up across a fleet.
 */
package dev.oddscache.server.metrics;
