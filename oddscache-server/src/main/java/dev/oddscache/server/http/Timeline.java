package dev.oddscache.server.http;

import dev.oddscache.breaker.BreakerSnapshot;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.store.StoreHealth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The per-second series behind {@code GET /v1/timeline} and the dashboard: the proxy counts what
 * it serves, and {@link #sample()}, called once a second, closes the second. Keeps the last hour.
 * Thread-safe.
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

  Timeline(OddsCache<?> cache, LongSupplier upstreamCalls) {
    this.cache = cache;
    this.upstreamCalls = upstreamCalls;
    this.lastUpstreamCalls = upstreamCalls.getAsLong();
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
    TimelineSample sample = new TimelineSample(
        cache.decider().ticker().epochMillis(),
        requests.sumThenReset(),
        loads,
        breaker.panicRatio(),
        cache.breaker().mode().name(),
        count == 0 ? 0 : sum / 1000.0 / count,
        max / 1000.0,
        cache.decider().panicMatchesByTier(),
        cache.store().health() == StoreHealth.HEALTHY);
    if (samples.size() == CAPACITY) {
      samples.removeFirst();
    }
    samples.addLast(sample);
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
