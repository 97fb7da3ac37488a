package dev.oddscache.tools.sim;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * The expensive backend behind the cache: every call takes {@code latencyMs} of virtual time and
 * fails with probability {@code failureRate}. With {@code maxConcurrent}, calls beyond it wait in
 * FIFO order and their latency starts when they get a slot.
 *
 * <p>Counts calls (when they arrive), calls per second of arrival and the peak number of calls in
 * progress, and records how long each call took from its arrival to its completion (the load
 * duration the caller sees, any wait for a slot included), failed calls too. Not thread-safe: it
 * lives inside one {@link VirtualTime} loop.
 */
final class SimBackend {
  private final VirtualTime time;
  private final long latencyNanos;
  private final double failureRate;
  private final int maxConcurrent;
  private final SplittableRandom random;
  private final int[] callsPerSecond;
  private final ArrayDeque<Call> waiting = new ArrayDeque<>();
  private final AgeHistogram loadDurations = new AgeHistogram();
  private final Prices prices;
  private long calls;
  private int inFlight;
  private int peakInFlight;

  /** The prices a call for a key reads when it arrives. */
  @FunctionalInterface
  interface Prices {
    /** The prices of {@code key}'s market now, or null when it has none. */
    PriceSnapshot of(String key);

    Prices NONE = key -> null;
  }

  SimBackend(VirtualTime time, Scenario.BackendSpec spec, long durationSeconds,
      SplittableRandom random) {
    this(time, spec, durationSeconds, random, Prices.NONE);
  }

  SimBackend(VirtualTime time, Scenario.BackendSpec spec, long durationSeconds,
      SplittableRandom random, Prices prices) {
    this.time = time;
    this.prices = prices;
    this.latencyNanos = spec.latencyMs() * 1_000_000L;
    this.failureRate = spec.failureRate();
    this.maxConcurrent = spec.maxConcurrent() == null ? Integer.MAX_VALUE : spec.maxConcurrent();
    this.random = random;
    this.callsPerSecond = new int[(int) durationSeconds];
  }

  /**
   * Calls the backend for {@code key}; the future completes on virtual time. The value carries
   * the prices of the key's market at this instant, when the load starts: a backend may read its
   * inputs at any moment of the call, and the earliest is the one a stale answer is judged by.
   */
  CompletableFuture<SimValue> call(String key) {
    calls++;
    // Calls made while draining after the end count in the last second.
    int second = (int) Math.min(time.nowNanos() / 1_000_000_000L, callsPerSecond.length - 1);
    callsPerSecond[second]++;
    Call call = new Call(key, time.nowNanos(), prices.of(key), new CompletableFuture<>());
    if (inFlight < maxConcurrent) {
      begin(call);
    } else {
      waiting.add(call);
    }
    return call.result;
  }

  private void begin(Call call) {
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    // Drawn when the call starts, so the sequence of outcomes depends only on the call order.
    boolean fails = failureRate > 0 && random.nextDouble() < failureRate;
    time.at(time.nowNanos() + latencyNanos, () -> finish(call, fails));
  }

  private void finish(Call call, boolean fails) {
    inFlight--;
    if (!waiting.isEmpty()) {
      begin(waiting.poll());
    }
    long now = time.nowNanos();
    long duration = now - call.arrivedAtNanos;
    loadDurations.record(duration / 1_000_000L);
    if (fails) {
      call.result.completeExceptionally(new BackendFailure(call.key));
    } else {
      call.result.complete(new SimValue(call.key, now, duration, call.prices));
    }
  }

  long calls() {
    return calls;
  }

  int peakInFlight() {
    return peakInFlight;
  }

  /** How long each completed call took, in milliseconds; the histogram is live. */
  AgeHistogram loadDurations() {
    return loadDurations;
  }

  int inFlight() {
    return inFlight;
  }

  /** Calls by second of arrival since the start; the array is live, do not modify it. */
  int[] callsPerSecond() {
    return callsPerSecond;
  }

  private record Call(String key, long arrivedAtNanos, PriceSnapshot prices,
      CompletableFuture<SimValue> result) {}
}
