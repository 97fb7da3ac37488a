package dev.oddscache.tools.sim;

import java.util.SplittableRandom;

/**
 * Issues a scenario's requests on virtual time: {@code requestsPerSecond} spread evenly inside
 * each second (request {@code i} of a second at {@code i / rate} seconds into it), each for a key
 * drawn by the Zipf law. Only the next request is ever queued, so the event queue stays small
 * however long the run. Not thread-safe.
 */
final class Traffic implements Runnable {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Receives each request as it is issued. */
  @FunctionalInterface
  interface Sink {
    void request(int key);
  }

  private final VirtualTime time;
  private final ZipfSampler zipf;
  private final SplittableRandom random;
  private final int perSecond;
  private final long total;
  private final Sink sink;
  private long next;

  Traffic(VirtualTime time, ZipfSampler zipf, SplittableRandom random, int perSecond,
      long durationSeconds, Sink sink) {
    this.time = time;
    this.zipf = zipf;
    this.random = random;
    this.perSecond = perSecond;
    this.total = perSecond * durationSeconds;
    this.sink = sink;
  }

  /** Queues the first request. */
  void start() {
    if (total > 0) {
      time.at(timeOf(0), this);
    }
  }

  /** Virtual nanos of request {@code n}. */
  long timeOf(long n) {
    return (n / perSecond) * NANOS_PER_SECOND + (n % perSecond) * NANOS_PER_SECOND / perSecond;
  }

  @Override
  public void run() {
    // Queue the next request first: if this one queues work for the same instant, that work
    // still runs before a request scheduled at a later instant.
    next++;
    if (next < total) {
      time.at(timeOf(next), this);
    }
    sink.request(zipf.sample(random));
  }

  long issued() {
    return next;
  }
}
