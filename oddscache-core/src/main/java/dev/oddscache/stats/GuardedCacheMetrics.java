package dev.oddscache.stats;

import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.decision.Decision;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics are best effort: by the time one is recorded the request has its answer, so a meter
 * that throws must not take that answer away. One try/catch per method, here and nowhere else.
 */
final class GuardedCacheMetrics implements CacheMetrics {
  private static final Logger log = LoggerFactory.getLogger(GuardedCacheMetrics.class);

  private final CacheMetrics delegate;
  /** A broken meter fails on every request: one WARN says so, the rest go to DEBUG. */
  private final AtomicBoolean warned = new AtomicBoolean();

  GuardedCacheMetrics(CacheMetrics delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void recordRequest(Strategy strategy, Decision decision, StaleReason staleReason,
      long servedAgeMillis) {
    try {
      delegate.recordRequest(strategy, decision, staleReason, servedAgeMillis);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordFailedRequest(Strategy strategy, Decision decision) {
    try {
      delegate.recordFailedRequest(strategy, decision);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordTooStale() {
    try {
      delegate.recordTooStale();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordLatency(long nanos) {
    try {
      delegate.recordLatency(nanos);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public boolean sampleLatency() {
    try {
      return delegate.sampleLatency();
    } catch (RuntimeException e) {
      failed(e);
      return false;
    }
  }

  @Override
  public void recordSampledLatency(long nanos) {
    try {
      delegate.recordSampledLatency(nanos);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordRefreshSuccess() {
    try {
      delegate.recordRefreshSuccess();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordRefreshFailure() {
    try {
      delegate.recordRefreshFailure();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordLoadSuccess(long nanos) {
    try {
      delegate.recordLoadSuccess(nanos);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordLoadFailure(long nanos) {
    try {
      delegate.recordLoadFailure(nanos);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordError(ErrorKind kind) {
    try {
      delegate.recordError(kind);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordSurgicalInvalidation(
      int marketsAffected, long keysDeleted, int marketsPreserved, double cpuSavedPct) {
    try {
      delegate.recordSurgicalInvalidation(
          marketsAffected, keysDeleted, marketsPreserved, cpuSavedPct);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void recordFullInvalidation(long keysDeleted) {
    try {
      delegate.recordFullInvalidation(keysDeleted);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private void failed(RuntimeException e) {
    try {
      delegate.recordError(ErrorKind.METRICS);
    } catch (RuntimeException ignored) {
      // The error counter is a meter too; when it fails as well, the log line is all there is.
    }
    if (warned.compareAndSet(false, true)) {
      log.warn("metrics recording failed; requests are unaffected, later failures log at DEBUG",
          e);
    } else {
      log.debug("metrics recording failed: {}", e.toString());
    }
  }
}
