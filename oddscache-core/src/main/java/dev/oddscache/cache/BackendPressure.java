package dev.oddscache.cache;

import dev.oddscache.Ticker;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads backend pressure from the cache's own loads: how full the bulkhead is, how recent load
 * latency compares with its baseline, and how many loads started in the last second. Cheap to
 * ask (a few volatile reads), updated once per load, never per request. Thread-safe.
 *
 * <p>The latency reading follows Netflix concurrency-limits' Gradient: a short exponential
 * average of load durations against a long one. A backend that queues answers slower than its
 * own recent past well before it fails; a backend that is merely slow has a slow baseline too.
 */
final class BackendPressure {
  private static final double SHORT_WEIGHT = 0.1;
  private static final double LONG_WEIGHT = 0.005;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final PressureConfig config;
  private final Bulkhead bulkhead;
  private final int permits;
  private final Ticker ticker;
  private volatile double shortNanos;
  private volatile double longNanos;
  private volatile long samples;
  /** Loads started in {@link #bucketSecond} and in the second before it. */
  private final AtomicLong bucketSecond = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong bucketLoads = new AtomicLong();
  private volatile long previousBucketLoads;

  BackendPressure(PressureConfig config, Bulkhead bulkhead, int permits, Ticker ticker) {
    this.config = config;
    this.bulkhead = bulkhead;
    this.permits = permits;
    this.ticker = ticker;
  }

  /** A load starts (for the budget). */
  void loadStarted() {
    if (config.loadBudgetPerSecond() > 0) {
      roll(ticker.nanoTime() / NANOS_PER_SECOND);
      bucketLoads.incrementAndGet();
    }
  }

  /** A load completed, successfully or not, after {@code nanos}. */
  synchronized void loadCompleted(long nanos) {
    double n = Math.max(0, nanos);
    long count = samples + 1;
    if (count == 1) {
      shortNanos = n;
      longNanos = n;
    } else {
      shortNanos += SHORT_WEIGHT * (n - shortNanos);
      longNanos += LONG_WEIGHT * (n - longNanos);
    }
    samples = count;
  }

  /** Whether the backend is under pressure now; allocation-free. */
  boolean underPressure() {
    return bulkhead.inUse() >= config.occupancy() * permits
        || bulkhead.hasWaiters()
        || latencyRatio() >= config.latencyRatio()
        || overBudget();
  }

  /** The readings, for status pages and decision reasons. */
  Pressure snapshot() {
    int inUse = bulkhead.inUse();
    double occupancy = Math.min(1.0, (double) inUse / permits);
    boolean waiting = bulkhead.hasWaiters();
    double ratio = latencyRatio();
    double perSecond = loadsPerSecond();
    String reason;
    if (inUse >= config.occupancy() * permits) {
      reason = "bulkhead " + inUse + "/" + permits + " in use";
    } else if (waiting) {
      reason = "loads waiting for the bulkhead";
    } else if (ratio >= config.latencyRatio()) {
      reason = String.format(Locale.ROOT, "load latency %.1fx its baseline", ratio);
    } else if (overBudget()) {
      reason = String.format(Locale.ROOT, "%.0f loads/s against a budget of %.0f", perSecond,
          config.loadBudgetPerSecond());
    } else {
      reason = "none";
    }
    return new Pressure(!"none".equals(reason), occupancy, waiting, ratio, perSecond, reason);
  }

  private double latencyRatio() {
    if (samples < config.minLatencySamples()) {
      return 1.0;
    }
    double baseline = longNanos;
    return baseline <= 0 ? 1.0 : shortNanos / baseline;
  }

  private boolean overBudget() {
    double budget = config.loadBudgetPerSecond();
    return budget > 0 && loadsPerSecond() >= budget;
  }

  private double loadsPerSecond() {
    if (config.loadBudgetPerSecond() <= 0) {
      return 0;
    }
    roll(ticker.nanoTime() / NANOS_PER_SECOND);
    return Math.max(bucketLoads.get(), previousBucketLoads);
  }

  private void roll(long second) {
    long current = bucketSecond.get();
    if (current == second) {
      return;
    }
    synchronized (this) {
      current = bucketSecond.get();
      if (current != second) {
        previousBucketLoads = current == second - 1 ? bucketLoads.get() : 0;
        bucketLoads.set(0);
        bucketSecond.set(second);
      }
    }
  }
}
