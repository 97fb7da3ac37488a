package dev.oddscache.tools.sim;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silences the cache's own logs for the length of a simulation run. Its log lines carry
 * wall-clock timestamps that mean nothing on virtual time, would interleave with the progress
 * bar, and what they report (breaker transitions, tier changes) is in the simulation's output
 * anyway. Setting {@code ODDSCACHE_LOG_LEVEL} keeps them, for debugging the cache itself.
 */
final class QuietLogs implements AutoCloseable {
  private static final String LOGGER = "dev.oddscache";

  private final Logger logger;
  private final Level previous;

  private QuietLogs(Logger logger) {
    this.logger = logger;
    this.previous = logger == null ? null : logger.getLevel();
    if (logger != null) {
      logger.setLevel(Level.OFF);
    }
  }

  /** Quiets {@code dev.oddscache} until {@link #close()}, unless the user asked for its logs. */
  static QuietLogs during() {
    boolean asked = System.getenv("ODDSCACHE_LOG_LEVEL") != null;
    return new QuietLogs(!asked && LoggerFactory.getLogger(LOGGER) instanceof Logger l ? l : null);
  }

  @Override
  public void close() {
    if (logger != null) {
      logger.setLevel(previous);
    }
  }
}
