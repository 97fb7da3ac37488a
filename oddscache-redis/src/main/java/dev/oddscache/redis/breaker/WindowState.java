package dev.oddscache.redis.breaker;

/**
 * Where the shared breaker window's counts come from: Redis, or this process's own window
 * while Redis fails. Each flush to Redis decides it: a failed one falls back, the next
 * successful one comes back.
 */
enum WindowState {
  ONLINE,
  FALLBACK;

  /** The state after a flush that failed with {@code error}, or succeeded if it is null. */
  static WindowState after(WindowState current, Flush flush, long nowNanos) {
    return flush.error() == null ? ONLINE : FALLBACK;
  }

  /** The outcome of one flush: the error it failed with, or null. */
  record Flush(Exception error) {
    static final Flush SUCCEEDED = new Flush(null);
  }
}
