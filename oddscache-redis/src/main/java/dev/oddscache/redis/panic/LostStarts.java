package dev.oddscache.redis.panic;

import dev.oddscache.redis.panic.PanicScript.Outcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the panic starts Redis lost and this process restored, and logs them on change: WARN
 * for the first loss, DEBUG for the next ones while they keep coming (an evicting Redis may lose
 * a hot match's key every second), WARN again for a loss after {@link #QUIET} without any, with
 * how many were restored in between. Thread-safe.
 */
final class LostStarts {
  /** The clock's logger: these lines are the clock's. */
  private static final Logger log = LoggerFactory.getLogger(RedisPanicClock.class);

  /** Losses closer together than this are one episode: one WARN line. */
  static final Duration QUIET = Duration.ofMinutes(1);
  private static final long NEVER = Long.MIN_VALUE;

  private final LongAdder count = new LongAdder();
  private final AtomicLong lastLossNanos = new AtomicLong(NEVER);
  private final AtomicLong sinceWarn = new AtomicLong();

  long count() {
    return count.sum();
  }

  /** Counts and logs {@code result} if the script restored the start this process held. */
  void restoredIf(PanicScript.Result result, String matchId, long nanos) {
    if (result.outcome() == Outcome.RESTORED) {
      restored(matchId, result.start(), nanos);
    }
  }

  /** The start of {@code matchId}'s panic was missing from Redis and is back. */
  void restored(String matchId, long start, long nanos) {
    count.increment();
    long last = lastLossNanos.getAndSet(nanos);
    boolean newEpisode = last == NEVER || nanos - last >= QUIET.toNanos();
    if (newEpisode) {
      long between = sinceWarn.getAndSet(0);
      log.atWarn().addKeyValue("match", matchId).addKeyValue("start", start)
          .addKeyValue("restoredSinceLastWarning", between).addKeyValue("restored", count.sum())
          .log("panic start missing from redis (evicted, flushed or lost), restored;"
              + " later losses within a minute of each other are logged at DEBUG");
    } else {
      sinceWarn.incrementAndGet();
      log.atDebug().addKeyValue("match", matchId).addKeyValue("start", start)
          .addKeyValue("restored", count.sum()).log("panic start missing from redis, restored");
    }
  }

  @Override
  public String toString() {
    return "LostStarts{count=" + count.sum() + '}';
  }
}
