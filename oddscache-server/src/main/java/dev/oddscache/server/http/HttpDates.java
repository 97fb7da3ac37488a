package dev.oddscache.server.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HTTP dates (RFC 9110 §5.6.7): IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}) and the two
 * obsolete forms a recipient must still read, RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT})
 * and asctime ({@code Sun Nov  6 08:49:37 1994}), names in any case. Anything else (another time
 * zone, a two-digit year in IMF form, extra spaces, dashes) is refused: a refused {@code Expires}
 * means "already expired", the safe reading.
 */
final class HttpDates {
  private static final Pattern IMF_FIXDATE = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + " \\d{4} \\d{2}:\\d{2}:\\d{2} GMT", Pattern.CASE_INSENSITIVE);
  /** RFC 850: {@code Sunday, 06-Nov-94 08:49:37 GMT}; its year is read with the 50-year rule. */
  private static final Pattern RFC_850 = Pattern.compile(
      "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-"
          + "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(\\d{2}) (\\d{2}:\\d{2}:\\d{2}) GMT",
      Pattern.CASE_INSENSITIVE);
  /** asctime: {@code Sun Nov  6 08:49:37 1994}. */
  private static final Pattern ASCTIME = Pattern.compile(
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
          + " ( \\d|\\d{2}) (\\d{2}:\\d{2}:\\d{2}) (\\d{4})", Pattern.CASE_INSENSITIVE);
  private static final DateTimeFormatter PARSE = DateTimeFormatter
      .ofPattern("dd MMM uuuu HH:mm:ss", Locale.US).withZone(ZoneOffset.UTC)
      .withResolverStyle(java.time.format.ResolverStyle.STRICT);
  private static final DateTimeFormatter FORMAT = DateTimeFormatter
      .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private HttpDates() {}

  /** Epoch millis of an IMF-fixdate, or {@link Long#MIN_VALUE} when {@code text} is not one. */
  static long parse(String text) {
    if (text == null) {
      return Long.MIN_VALUE;
    }
    String t = text.trim();
    java.util.regex.Matcher m;
    if ((m = RFC_850.matcher(t)).matches()) {
      int yy = Integer.parseInt(m.group(4));
      int thisYear = java.time.Year.now(ZoneOffset.UTC).getValue();
      int year = thisYear / 100 * 100 + yy;
      if (year > thisYear + 50) {
        year -= 100;
      }
      t = m.group(1).substring(0, 3) + ", " + m.group(2) + " " + m.group(3) + " " + year + " "
          + m.group(5) + " GMT";
    } else if ((m = ASCTIME.matcher(t)).matches()) {
      t = m.group(1) + ", " + m.group(3).trim().replaceFirst("^(\\d)$", "0$1") + " " + m.group(2)
          + " " + m.group(5) + " " + m.group(4) + " GMT";
    } else if (!IMF_FIXDATE.matcher(t).matches()) {
      return Long.MIN_VALUE;
    }
    t = canonicalCase(t);
    try {
      // The weekday is redundant, and a wrong one does not make the date ambiguous: not checked.
      return Instant.from(PARSE.parse(t.substring(5, t.length() - 4))).toEpochMilli();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
    }
  }

  /** {@code SUN, 06 NOV 1994 ... gmt} as {@code Sun, 06 Nov 1994 ... GMT}. */
  private static String canonicalCase(String imf) {
    String day = imf.substring(0, 1).toUpperCase(Locale.ROOT)
        + imf.substring(1, 3).toLowerCase(Locale.ROOT);
    String month = imf.substring(8, 9).toUpperCase(Locale.ROOT)
        + imf.substring(9, 11).toLowerCase(Locale.ROOT);
    return day + imf.substring(3, 8) + month + imf.substring(11, imf.length() - 3) + "GMT";
  }

  static String format(long epochMillis) {
    return FORMAT.format(Instant.ofEpochMilli(epochMillis));
  }
}
