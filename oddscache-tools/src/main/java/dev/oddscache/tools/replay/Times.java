package dev.oddscache.tools.replay;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the replay writes the feed's epoch-millisecond times and durations: UTC, fixed width. */
final class Times {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Times() {}

  /** {@code 2022-04-19 18:24:33.420} (UTC). */
  static String dateTime(long epochMillis) {
    return DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /** {@code 18:24:33.420} (UTC). */
  static String time(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  /** The end of an interval: its time alone when on the start's UTC day, else date and time. */
  static String end(long startMillis, long endMillis) {
    Instant start = Instant.ofEpochMilli(startMillis);
    Instant end = Instant.ofEpochMilli(endMillis);
    return DAY.format(start).equals(DAY.format(end)) ? time(endMillis) : dateTime(endMillis);
  }

  /** {@code 45.3 s}, {@code 1 min 05.0 s}, {@code 2 h 03 min 05 s}; rounded, never "60.0 s". */
  static String duration(long millis) {
    long tenths = Math.round(millis / 100.0);
    if (tenths < 600) {
      return String.format(Locale.ROOT, "%d.%d s", tenths / 10, tenths % 10);
    }
    if (tenths < 36_000) {
      long secondTenths = tenths % 600;
      return String.format(Locale.ROOT, "%d min %02d.%d s", tenths / 600, secondTenths / 10,
          secondTenths % 10);
    }
    long seconds = Math.round(millis / 1000.0);
    return String.format(Locale.ROOT, "%d h %02d min %02d s", seconds / 3600, (seconds % 3600) / 60,
        seconds % 60);
  }
}
