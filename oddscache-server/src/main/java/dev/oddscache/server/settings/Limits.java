package dev.oddscache.server.settings;

/** The size rules the settings share, so that every message names the setting and the value. */
final class Limits {
  private Limits() {}

  /** {@code value}, if it is at least one: a zero size would make every request fail. */
  static long atLeastOne(String field, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(field + " must be >= 1, got " + value);
    }
    return value;
  }
}
