package dev.oddscache.server.http;

import dev.oddscache.Ticker;
import dev.oddscache.internal.Durations;
import dev.oddscache.vix.VixDetector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops the volatility detector's state of matches without an accepted tick for {@code
 * idleAfter}: without it, a server ingesting odds all season keeps every match it has ever seen.
 * Runs periodically on the server's background executor; each run is O(matches tracked).
 * Thread-safe.
 *
 * <p>The cutoff compares the server's clock with the feed's own tick timestamps. A feed replaying
 * old data is therefore dropped at the next run; its state held no live status anyway, since a
 * status is held only {@code vix.hold} after its tick.
 */
final class VixIdleEviction implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(VixIdleEviction.class);
  /** At most this long between runs, so a match leaves at most a minute after its horizon. */
  private static final Duration MAX_PERIOD = Duration.ofMinutes(1);
  /** At least this long, so a tiny horizon does not turn into a busy loop over every match. */
  private static final Duration MIN_PERIOD = Duration.ofSeconds(1);

  private final VixDetector vix;
  private final Ticker ticker;
  private final Duration idleAfter;
  private final long idleAfterMillis;

  VixIdleEviction(VixDetector vix, Ticker ticker, Duration idleAfter) {
    this.vix = Objects.requireNonNull(vix, "vix");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.idleAfter = Durations.positive("idleAfter", idleAfter);
    this.idleAfterMillis = idleAfter.toMillis();
  }

  /** How often it runs: the horizon, kept between one second and one minute. */
  Duration period() {
    Duration p = idleAfter.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : idleAfter;
    return p.compareTo(MIN_PERIOD) < 0 ? MIN_PERIOD : p;
  }

  /** Runs this every {@link #period()} on {@code executor}, the first time one period from now. */
  ScheduledFuture<?> scheduleOn(ScheduledExecutorService executor) {
    long millis = period().toMillis();
    return executor.scheduleWithFixedDelay(this, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Evicts now; logs only when something was evicted.
   *
   * @return the number of matches evicted
   */
  int evictNow() {
    int evicted = vix.evictIdle(ticker.epochMillis() - idleAfterMillis);
    if (evicted > 0) {
      log.atInfo()
          .addKeyValue("evicted", evicted)
          .addKeyValue("remaining", vix.matchCount())
          .addKeyValue("idleAfter", idleAfter)
          .log("evicted idle matches from the volatility detector");
    }
    return evicted;
  }

  @Override
  public void run() {
    try {
      evictNow();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; the next run may well succeed.
      log.atWarn().setCause(e).log("idle match eviction failed");
    }
  }
}
