package dev.oddscache.server.betfair;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines terminated by {@code \n} (a {@code \r} before it is dropped), keeping at most a set
 * number of characters per line: a longer line is consumed to its end but not kept, so that a
 * hostile or corrupt input without line breaks (a decompression bomb, say) cannot exhaust memory.
 * Not thread-safe.
 */
final class LineReader {
  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private final StringBuilder line = new StringBuilder();
  private int position;
  private int limit;
  private boolean tooLong;

  LineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line without its terminator, or null at the end of the input. */
  String next() throws IOException {
    line.setLength(0);
    tooLong = false;
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? finish() : null;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      append(start, position);
      if (position < limit) {
        position++;
        return finish();
      }
    }
  }

  /** Whether the line last returned was cut because it exceeded the limit. */
  boolean tooLong() {
    return tooLong;
  }

  private void append(int from, int to) {
    if (tooLong) {
      return;
    }
    if (line.length() + (to - from) > maxChars + 1) {
      // One extra character is allowed for a \r that finish() drops.
      tooLong = true;
      line.setLength(0);
      return;
    }
    line.append(buffer, from, to - from);
  }

  private String finish() {
    int n = line.length();
    if (n > 0 && line.charAt(n - 1) == '\r') {
      line.setLength(n - 1);
    }
    if (!tooLong && line.length() > maxChars) {
      tooLong = true;
    }
    return tooLong ? "" : line.toString();
  }
}
