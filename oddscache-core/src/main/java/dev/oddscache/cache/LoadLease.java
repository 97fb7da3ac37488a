package dev.oddscache.cache;

import java.time.Duration;

/**
 * Cluster-wide single-flight: before loading a key, a process claims a lease so
 * that only one process of the cluster loads it; the others wait briefly for its value to appear
 * in the shared store. The default, {@link #local()}, always grants: single-flight per process.
 *
 * <p>Implementations are thread-safe and fail open: when the lease store is unavailable,
 * {@link #tryAcquire} grants, because loading twice is better than not loading.
 */
public interface LoadLease {

  /** Claims the right to load {@code key} for at most {@code leaseTime}; true means "load it". */
  boolean tryAcquire(String key, Duration leaseTime);

  /** Gives a lease this process holds back early; best effort, never throws. */
  void release(String key);

  /** Single-flight within this process only. */
  static LoadLease local() {
    return LocalLease.INSTANCE;
  }
}

enum LocalLease implements LoadLease {
  INSTANCE;

  @Override
  public boolean tryAcquire(String key, Duration leaseTime) {
    return true;
  }

  @Override
  public void release(String key) {}
}
