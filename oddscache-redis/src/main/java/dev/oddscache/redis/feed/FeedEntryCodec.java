package dev.oddscache.redis.feed;

import dev.oddscache.vix.OddsTick;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stream entries as a few short fields of UTF-8 text, never Java serialization: a tick is {@code
 * m} (match), {@code k} (market), {@code s} (selection), {@code o} (odds, shortest text that
 * reads back to the same double), {@code t} (timestamp millis); a market status change has
 * {@code m}, {@code k}, {@code t} and {@code x=s}. Both carry {@code i} (origin instance), {@code
 * q} (its sequence number) and, for an entry its origin already applied, {@code p=1}. Stateless.
 */
final class FeedEntryCodec {
  private FeedEntryCodec() {}

  static Map<String, byte[]> encode(FeedEntry entry) {
    Map<String, byte[]> fields = new LinkedHashMap<>(12);
    if (entry.event() instanceof FeedEvent.Tick t) {
      OddsTick tick = t.tick();
      fields.put("m", utf8(tick.matchId()));
      fields.put("k", utf8(tick.market()));
      fields.put("s", utf8(tick.selection()));
      fields.put("o", utf8(Double.toString(tick.odds())));
      fields.put("t", utf8(Long.toString(tick.timestampMillis())));
    } else {
      FeedEvent.MarketStatus s = (FeedEvent.MarketStatus) entry.event();
      fields.put("m", utf8(s.matchId()));
      fields.put("k", utf8(s.market()));
      fields.put("t", utf8(Long.toString(s.timestampMillis())));
      fields.put("x", utf8("s"));
    }
    fields.put("i", utf8(entry.origin()));
    fields.put("q", utf8(Long.toString(entry.seq())));
    if (entry.preapplied()) {
      fields.put("p", utf8("1"));
    }
    return fields;
  }

  /**
   * @throws IllegalArgumentException naming the field, for an entry this codec did not write
   */
  static FeedEntry decode(Map<String, byte[]> fields) {
    String match = text(fields, "m");
    String market = text(fields, "k");
    long timestamp = number(fields, "t");
    FeedEvent event = fields.containsKey("x")
        ? new FeedEvent.MarketStatus(match, market, timestamp)
        : new FeedEvent.Tick(new OddsTick(match, market, text(fields, "s"),
            decimal(fields, "o"), timestamp));
    byte[] preapplied = fields.get("p");
    return new FeedEntry(event, text(fields, "i"), number(fields, "q"),
        preapplied != null && preapplied.length == 1 && preapplied[0] == '1');
  }

  private static String text(Map<String, byte[]> fields, String name) {
    byte[] value = fields.get(name);
    if (value == null) {
      throw new IllegalArgumentException("field " + name + " missing");
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  private static long number(Map<String, byte[]> fields, String name) {
    String value = text(fields, name);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field " + name + " is not an integer: '" + value + "'");
    }
  }

  private static double decimal(Map<String, byte[]> fields, String name) {
    String value = text(fields, name);
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field " + name + " is not a number: '" + value + "'");
    }
  }

  private static byte[] utf8(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }
}
