package dev.oddscache.server.http;

import java.util.Map;

/**
 * One second of the dashboard's series.
 *
 * @param t the cache clock's epoch millis at the end of the second
 * @param requests proxied requests during the second
 * @param loads calls made to the upstream during the second
 * @param panicRatio the breaker's panic ratio at the time
 * @param mode the breaker mode at the time
 * @param servedAgeAvgSeconds mean age of the values served during the second (0 if none)
 * @param servedAgeMaxSeconds oldest value served during the second (0 if none)
 * @param panicking panicking matches by tier (1 to 4)
 * @param storeHealthy whether the store answered normally
 * @param latencyP50Seconds median duration of the cache's requests during the second, from the
 *     request-duration histogram's buckets; null when none was recorded or without histograms
 * @param latencyP99Seconds their p99, likewise
 * @param servedAgeP99Seconds p99 age of the values served during the second, every strategy
 *     together, from the served-age histograms, at most {@code servedAgeMaxSeconds}; null
 *     likewise
 */
public record TimelineSample(
    long t,
    long requests,
    long loads,
    double panicRatio,
    String mode,
    double servedAgeAvgSeconds,
    double servedAgeMaxSeconds,
    Map<Integer, Long> panicking,
    boolean storeHealthy,
    Double latencyP50Seconds,
    Double latencyP99Seconds,
    Double servedAgeP99Seconds) {}
