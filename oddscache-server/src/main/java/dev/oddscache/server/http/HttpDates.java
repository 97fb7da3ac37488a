package dev.oddscache.server.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HTTP dates in the preferred format only, IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}).
 * The obsolete RFC 850 and asctime forms are refused on purpose: their two-digit years and loose
 * spacing are how an invalid {@code Expires} sneaks into a freshness computation, and a refused
 * {@code Expires} means "already expired", the safe reading.
 */
final class HttpDates {
  private static final Pattern IMF_FIXDATE = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + " \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
  private static final DateTimeFormatter FORMAT = DateTimeFormatter
      .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private HttpDates() {}

  /** Epoch millis of an IMF-fixdate, or {@link Long#MIN_VALUE} when {@code text} is not one. */
  static long parse(String text) {
    if (text == null) {
      return Long.MIN_VALUE;
    }
    String t = text.trim();
    if (!IMF_FIXDATE.matcher(t).matches()) {
      return Long.MIN_VALUE;
    }
    try {
      return Instant.from(FORMAT.parse(t)).toEpochMilli();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  static String format(long epochMillis) {
    return FORMAT.format(Instant.ofEpochMilli(epochMillis));
  }
}
