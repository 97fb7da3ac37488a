package dev.oddscache.server.metrics;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.stats.HistogramView;
import dev.oddscache.stats.Quantiles;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One instance of a test fleet: a real cache on its own Prometheus registry, its histograms
 * exported as the server exports them, on a manual clock that only its loader moves. A miss's
 * duration is therefore exactly what the test asked for, a hit's is 0, and every request's
 * served age is the one the cache reports; both are kept as the truth to compare with.
 */
final class FleetInstance implements AutoCloseable {
  private final ManualTicker ticker = new ManualTicker();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OddsCache<String> cache;
  private final MatchContext context = MatchContext.builder("m").build();
  private final List<Double> durationsSeconds = new ArrayList<>();
  private final List<Double> agesSeconds = new ArrayList<>();
  /** How long the next load takes, in nanoseconds. */
  private long loadNanos;

  FleetInstance() {
    PrometheusHistograms histograms = PrometheusHistograms.prepare(registry, Quantiles.HISTOGRAM);
    cache = OddsCache.<String>builder()
        // Every request timed: the test knows each one's latency.
        .config(OddsCacheConfig.custom().latencySampleRate(1.0).build())
        .ticker(ticker)
        .executor(Runnable::run)
        .meterRegistry(registry)
        .build();
    histograms.export(cache.histograms());
  }

  /** A request for a key not cached yet, whose load takes {@code nanos}. */
  void miss(String key, long nanos) {
    loadNanos = nanos;
    request(key, nanos);
  }

  /** A request for a cached key: no load, no time spent. */
  void hit(String key) {
    loadNanos = 0;
    request(key, 0);
  }

  private void request(String key, long expectedNanos) {
    CacheResult<String> result = cache.get(key, context, k -> {
      ticker.advance(Duration.ofNanos(loadNanos));
      return "v";
    });
    durationsSeconds.add(expectedNanos / 1e9);
    agesSeconds.add(result.ageMillis() / 1e3);
  }

  void advance(Duration amount) {
    ticker.advance(amount);
  }

  /** The {@code /metrics} text, as the server renders it. */
  String scrape() {
    return registry.scrape();
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The finite bucket bounds of the request duration, in seconds. */
  double[] durationBounds() {
    return view("oddscache.request.duration").counts().upperBounds();
  }

  /** The finite bucket bounds of the served age, in seconds. */
  double[] ageBounds() {
    return view("oddscache.served.age").counts().upperBounds();
  }

  private HistogramView view(String name) {
    return cache.histograms().stream().filter(v -> v.name().equals(name)).findFirst()
        .orElseThrow();
  }

  List<Double> durationsSeconds() {
    return durationsSeconds;
  }

  List<Double> agesSeconds() {
    return agesSeconds;
  }

  @Override
  public void close() {
    cache.close();
    registry.close();
  }
}
