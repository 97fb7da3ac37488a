/**
 * The panic circuit breaker: backend protection by breadth of panic.
 *
 * <p>{@link dev.oddscache.breaker.PanicBreaker} records one sample per request (its aggregated
 * status) into a time-bucketed {@link dev.oddscache.breaker.PanicWindow} and, at most once a
 * second, moves between {@link dev.oddscache.breaker.BreakerMode}s following the hysteresis
 * thresholds of {@link dev.oddscache.breaker.BreakerConfig}. The mode selects a row of {@link
 * dev.oddscache.breaker.BreakerFloors}: the shortest TTL the cache may use. {@link
 * dev.oddscache.breaker.BreakerMetrics} exposes it to Micrometer.
 */
package dev.oddscache.breaker;
