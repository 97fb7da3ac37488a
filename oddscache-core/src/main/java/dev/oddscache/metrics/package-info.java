/**
 * Metric names shared by every oddscache component. The core registers meters through
 * micrometer-core only; exposition formats such as Prometheus live in the server.
 */
package dev.oddscache.metrics;
