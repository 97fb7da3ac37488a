package dev.oddscache.server.http;

import dev.oddscache.breaker.BreakerSnapshot;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.metrics.MeterNames;
import dev.oddscache.stats.HistogramCounts;
import dev.oddscache.stats.HistogramView;
import dev.oddscache.store.StoreHealth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The per-second series behind {@code GET /v1/timeline} and the dashboard: the proxy counts what
 * it serves, and {@link #sample()}, called once a second, closes the second. The latency and
 * served-age quantiles of a second come from the increase of the cache's histograms over it, as
 * Prometheus's {@code histogram_quantile} would compute them. Keeps the last hour. Thread-safe.
 */
final class Timeline {
  static final int CAPACITY = 3600;

  private final OddsCache<?> cache;
  private final LongSupplier upstreamCalls;
  private final ArrayDeque<TimelineSample> samples = new ArrayDeque<>(CAPACITY);
  private final LongAdder requests = new LongAdder();
  private final LongAdder servedCount = new LongAdder();
  private final LongAdder servedAgeSumMillis = new LongAdder();
  private final LongAccumulator servedAgeMaxMillis = new LongAccumulator(Math::max, 0);
  private long lastUpstreamCalls;
  /** The cache's histograms (none outside {@code cache.quantiles: histogram}). */
  private final HistogramView requestDuration;
  private final List<HistogramView> servedAge = new ArrayList<>();
  /** Their counts at the previous sample, to take each second's increase. */
  private HistogramCounts lastLatency;
  private HistogramCounts lastServedAge;

  Timeline(OddsCache<?> cache, LongSupplier upstreamCalls) {
    this.cache = cache;
    this.upstreamCalls = upstreamCalls;
    this.lastUpstreamCalls = upstreamCalls.getAsLong();
    HistogramView latency = null;
    for (HistogramView view : cache.histograms()) {
      if (view.name().equals(MeterNames.REQUEST_DURATION)) {
        latency = view;
      } else if (view.name().equals(MeterNames.SERVED_AGE)) {
        servedAge.add(view);
      }
    }
    this.requestDuration = latency;
    this.lastLatency = latency == null ? null : latency.counts();
    this.lastServedAge = servedAge.isEmpty() ? null : servedAgeCounts();
  }

  /** Counts one proxied request and the age of what it served (-1: nothing served). */
  void served(long ageMillis) {
    requests.increment();
    if (ageMillis >= 0) {
      servedCount.increment();
      servedAgeSumMillis.add(ageMillis);
      servedAgeMaxMillis.accumulate(ageMillis);
    }
  }

  /** Closes the current second. */
  synchronized void sample() {
    long calls = upstreamCalls.getAsLong();
    long loads = Math.max(0, calls - lastUpstreamCalls);
    lastUpstreamCalls = calls;
    long count = servedCount.sumThenReset();
    long sum = servedAgeSumMillis.sumThenReset();
    long max = servedAgeMaxMillis.getThenReset();
    BreakerSnapshot breaker = cache.breaker().state();
    HistogramCounts latency = null;
    if (requestDuration != null) {
      HistogramCounts now = requestDuration.counts();
      latency = now.minus(lastLatency);
      lastLatency = now;
    }
    HistogramCounts age = null;
    if (lastServedAge != null) {
      HistogramCounts now = servedAgeCounts();
      age = now.minus(lastServedAge);
      lastServedAge = now;
    }
    TimelineSample sample = new TimelineSample(
        cache.decider().ticker().epochMillis(),
        requests.sumThenReset(),
        loads,
        breaker.panicRatio(),
        cache.breaker().mode().name(),
        count == 0 ? 0 : sum / 1000.0 / count,
        max / 1000.0,
        cache.decider().panicMatchesByTier(),
        cache.store().health() == StoreHealth.HEALTHY,
        quantile(latency, 0.5),
        quantile(latency, 0.99),
        servedAgeP99(age, max / 1000.0, count));
    if (samples.size() == CAPACITY) {
      samples.removeFirst();
    }
    samples.addLast(sample);
  }

  /** Every strategy's served ages together: the same bounds, so they add up. */
  private HistogramCounts servedAgeCounts() {
    HistogramCounts sum = servedAge.get(0).counts();
    for (int i = 1; i < servedAge.size(); i++) {
      sum = sum.plus(servedAge.get(i).counts());
    }
    return sum;
  }

  /** The quantile of one second's values, as {@code histogram_quantile}; null without any. */
  private static Double quantile(HistogramCounts second, double q) {
    return second == null || second.count() == 0 ? null : second.quantile(q);
  }

  /**
   * The histogram's p99 can read up to the top of its bucket (9.9 s for ages of 5 to 7 s), above
   * the oldest value served, which is exact: no quantile is above the maximum.
   */
  private static Double servedAgeP99(HistogramCounts second, double maxSeconds, long served) {
    Double p99 = quantile(second, 0.99);
    if (p99 == null || served == 0) {
      // Not a conditional expression: its double branch would unbox a null p99.
      return p99;
    }
    return Math.min(p99, maxSeconds);
  }

  /** The proxied requests of the last closed second; 0 before the first. */
  synchronized double requestsPerSecond() {
    TimelineSample last = samples.peekLast();
    return last == null ? 0 : last.requests();
  }

  /** The last {@code seconds} samples, oldest first. */
  synchronized List<TimelineSample> last(int seconds) {
    List<TimelineSample> all = new ArrayList<>(samples);
    return all.subList(Math.max(0, all.size() - seconds), all.size());
  }
}
