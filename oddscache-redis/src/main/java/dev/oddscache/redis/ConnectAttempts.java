package dev.oddscache.redis;

import java.util.Objects;

/**
 * Which failed connection attempts deserve a WARN line. The connector retries every reconnect
 * interval (1 s by default) for as long as Redis is unreachable; a WARN per try would be a line a
 * second for the whole outage. So: a WARN for the first failure and whenever the cause changes,
 * then reminders at the 2nd, 4th, 8th... consecutive failure with the same cause (about a minute,
 * then two, apart after the first minute); the others are DEBUG. Not thread-safe: the connector
 * calls it under its lock.
 */
final class ConnectAttempts {
  private long consecutiveFailures;
  private String lastCause;

  /** Records a failed attempt; true when it should be logged at WARN. */
  boolean failed(String cause) {
    consecutiveFailures++;
    boolean changed = !Objects.equals(cause, lastCause);
    lastCause = cause;
    return changed || Long.bitCount(consecutiveFailures) == 1;
  }

  /** Records a success; returns the failures that preceded it. */
  long succeeded() {
    long failures = consecutiveFailures;
    consecutiveFailures = 0;
    lastCause = null;
    return failures;
  }

  long consecutiveFailures() {
    return consecutiveFailures;
  }
}
