package dev.oddscache.breaker;

import dev.oddscache.internal.Durations;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A process-local {@link PanicWindow}: a ring of one-second buckets. Second {@code s} lives in
 * slot {@code s mod (windowSeconds + 1)}; when a newer second reaches a slot still holding an
 * older bucket, the old bucket is replaced by compare-and-set, which is how seconds leave the
 * window without any sweeping thread. The extra slot holds the current, incomplete second: with
 * only {@code windowSeconds} slots, the first sample of second {@code t} would evict second {@code
 * t - windowSeconds}, the oldest complete second, just before the evaluation of {@code t} reads it.
 *
 * <p>Thread-safe. {@link #record} is O(1) and lock-free (a volatile read, at most one CAS per
 * slot per second, two {@link LongAdder} increments). {@link #counts} reads every slot: O(window).
 * Memory is bounded by the window length, whatever the request rate.
 *
 * <p>Known approximation: a thread that read second {@code s} and then stalls for more than a
 * whole window before adding to its bucket may add to a bucket that has just been replaced; that
 * sample is lost. It would have been outside the window anyway.
 */
public final class LocalPanicWindow implements PanicWindow {
  private static final long NO_SAMPLE = Long.MAX_VALUE;

  private final int windowSeconds;
  private final int slots;
  private final AtomicReferenceArray<Bucket> ring;
  private final AtomicLong firstSampleSecond = new AtomicLong(NO_SAMPLE);
  /** The bucket of the latest second recorded: nearly every sample goes there, without a slot lookup. */
  private volatile Bucket current;

  /**
   * @param window whole seconds, ≥ 1 s and below {@link Integer#MAX_VALUE} seconds
   * @throws IllegalArgumentException otherwise
   */
  public LocalPanicWindow(Duration window) {
    Durations.positive("window", window);
    if (window.getNano() != 0 || window.getSeconds() >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "window must be a whole number of seconds that fits a ring buffer, got " + window);
    }
    this.windowSeconds = (int) window.getSeconds();
    this.slots = windowSeconds + 1;
    this.ring = new AtomicReferenceArray<>(slots);
  }

  @Override
  public long windowSeconds() {
    return windowSeconds;
  }

  @Override
  public void record(boolean panic, long epochSecond) {
    Bucket latest = current;
    if (latest != null && latest.second == epochSecond) {
      // Its second was recorded through the slow path below, so firstSampleSecond is set.
      count(latest, panic);
      return;
    }
    if (epochSecond < firstSampleSecond.get()) {
      firstSampleSecond.accumulateAndGet(epochSecond, Math::min);
    }
    int slot = (int) Math.floorMod(epochSecond, (long) slots);
    Bucket bucket = ring.get(slot);
    while (bucket == null || bucket.second != epochSecond) {
      if (bucket != null && bucket.second > epochSecond) {
        // The slot already serves a later second, so this one is older than any window that can
        // still be asked for.
        return;
      }
      Bucket fresh = new Bucket(epochSecond);
      if (ring.compareAndSet(slot, bucket, fresh)) {
        bucket = fresh;
      } else {
        bucket = ring.get(slot);
      }
    }
    count(bucket, panic);
    if (latest == null || bucket.second > latest.second) {
      current = bucket;
    }
  }

  private static void count(Bucket bucket, boolean panic) {
    bucket.total.increment();
    if (panic) {
      bucket.panic.increment();
    }
  }

  @Override
  public WindowCounts counts(long nowEpochSecond) {
    long from = nowEpochSecond - windowSeconds;
    long panic = 0;
    long total = 0;
    for (int i = 0; i < slots; i++) {
      Bucket bucket = ring.get(i);
      if (bucket != null && bucket.second >= from && bucket.second < nowEpochSecond) {
        // Read panic before total: a concurrent record adds to total first, so panic <= total.
        long p = bucket.panic.sum();
        panic += p;
        total += Math.max(bucket.total.sum(), p);
      }
    }
    long first = firstSampleSecond.get();
    long observed = first == NO_SAMPLE
        ? 0
        : Math.max(0, Math.min(windowSeconds, nowEpochSecond - Math.max(first, from)));
    return new WindowCounts(panic, total, observed);
  }

  @Override
  public void reset() {
    current = null;
    firstSampleSecond.set(NO_SAMPLE);
    for (int i = 0; i < slots; i++) {
      ring.set(i, null);
    }
  }

  @Override
  public String toString() {
    return "LocalPanicWindow{windowSeconds=" + windowSeconds + '}';
  }

  private static final class Bucket {
    final long second;
    final LongAdder panic = new LongAdder();
    final LongAdder total = new LongAdder();

    Bucket(long second) {
      this.second = second;
    }
  }
}
