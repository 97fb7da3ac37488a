package dev.oddscache.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.oddscache.cache.Loader;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The cache a Java team would assemble instead of oddscache to get a timed, observable TTL cache:
 * Caffeine with a per-entry freshness carried by the value ({@code expireAfter(Expiry)}) and
 * {@code recordStats()} exported to Prometheus, and a Micrometer {@link Timer} with a Prometheus
 * histogram recording every call, hit or load. It decides nothing per request (no match status,
 * breaker, panic clock or zone), which is what oddscache adds for its cost.
 */
final class CaffeineAssembly implements AutoCloseable {
  static final String TIMER_NAME = "odds.request.duration";

  /**
   * The histogram's range: a hit takes well under a microsecond and a load can take a second,
   * while Micrometer's default floor for timers (1 ms) would put every hit in the first bucket.
   */
  static final Duration HISTOGRAM_MIN = Duration.ofNanos(1_000);
  static final Duration HISTOGRAM_MAX = Duration.ofSeconds(1);

  /** A value and how long it stays fresh, which the team's loader decides when it loads. */
  record Fresh(String value, Duration freshFor) {}

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Cache<String, Fresh> cache;
  private final Timer timer;
  // Built once: a lambda capturing the loader, written at the call, would be allocated per call.
  private final Function<String, Fresh> load;

  /** Holds up to {@code maximumSize} entries, each fresh for {@code freshFor} after its load. */
  CaffeineAssembly(Loader<String> loader, Duration freshFor, long maximumSize) {
    Objects.requireNonNull(loader, "loader");
    Objects.requireNonNull(freshFor, "freshFor");
    cache = Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfter(Expiry.creating((String key, Fresh fresh) -> fresh.freshFor()))
        .recordStats()
        .build();
    CaffeineCacheMetrics.monitor(registry, cache, "odds");
    timer = Timer.builder(TIMER_NAME)
        .publishPercentileHistogram()
        .minimumExpectedValue(HISTOGRAM_MIN)
        .maximumExpectedValue(HISTOGRAM_MAX)
        .register(registry);
    load = key -> {
      try {
        return new Fresh(loader.load(key), freshFor);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("loading key " + key + " failed", e);
      }
    };
  }

  /** The value of {@code key}, loaded on a miss; the call is timed either way. */
  String get(String key) {
    long start = System.nanoTime();
    try {
      return cache.get(key, load).value();
    } finally {
      timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  CacheStats stats() {
    return cache.stats();
  }

  long timedCalls() {
    return timer.count();
  }

  /** The Prometheus text exposition, as {@code /metrics} would serve it. */
  String scrape() {
    return registry.scrape();
  }

  /** Runs Caffeine's pending maintenance, so that setup leaves none of it to the measurement. */
  void cleanUp() {
    cache.cleanUp();
  }

  @Override
  public void close() {
    registry.close();
  }
}
