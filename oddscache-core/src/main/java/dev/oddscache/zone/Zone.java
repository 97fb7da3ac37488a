package dev.oddscache.zone;

/**
 * Where a match stands relative to its kickoff. Each zone has a base TTL in {@link ZoneConfig}; the
 * closer the kickoff, the fresher the data must be.
 */
public enum Zone {
  /** No kickoff known, kickoff more than 24 h away, or the match long over. */
  STANDARD,
  /** Kickoff within 24 h but more than 3 h away. */
  PREMATCH,
  /** Kickoff within 3 h but more than 1 h away. */
  WARMUP,
  /** The golden hour before kickoff: lineups and sharp money. */
  GOLDEN,
  /** In play. */
  ACTIVE
}
