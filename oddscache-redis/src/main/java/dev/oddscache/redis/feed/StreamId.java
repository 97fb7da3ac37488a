package dev.oddscache.redis.feed;

/**
 * A Redis Stream entry id, {@code <millis>-<sequence>}, ordered as Redis orders them. Immutable.
 */
record StreamId(long millis, long sequence) implements Comparable<StreamId> {
  /** Before every entry: reading from it reads the whole stream. */
  static final StreamId ZERO = new StreamId(0, 0);

  /**
   * @throws IllegalArgumentException for text that is not an entry id
   */
  static StreamId parse(String text) {
    int dash = text.indexOf('-');
    try {
      return dash < 0 ? new StreamId(Long.parseLong(text), 0)
          : new StreamId(Long.parseLong(text.substring(0, dash)),
              Long.parseLong(text.substring(dash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a stream entry id: '" + text + "'", e);
    }
  }

  @Override
  public int compareTo(StreamId other) {
    int byMillis = Long.compareUnsigned(millis, other.millis);
    return byMillis != 0 ? byMillis : Long.compareUnsigned(sequence, other.sequence);
  }

  boolean isAfter(StreamId other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
  }
}
