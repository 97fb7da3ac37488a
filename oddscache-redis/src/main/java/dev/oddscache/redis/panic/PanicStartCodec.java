package dev.oddscache.redis.panic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A panic start as stored in Redis: the decimal text of its epoch millis, the format the
 * original Python system wrote, so any client can read and write it.
 *
 * <p>Reading is lenient about the container and strict about the content. The same value comes
 * back as {@code byte[]} or {@code String} depending on the client's codec (a Python client gets
 * bytes unless it asks for decoding), so both decode, as do a {@link ByteBuffer} and a number.
 * The text may carry ASCII whitespace around it; anything else that is not an optional {@code -}
 * and 1 to 15 digits is corrupt. Fifteen digits keep the value exact in the Lua script that reads
 * it too ({@code panic.lua} applies the same rule); epoch millis have 13 until the year 2286.
 * Stateless and thread-safe.
 */
final class PanicStartCodec {
  /** Lua's {@code %s} is exactly these six characters; Java's {@code \\s} is the same set. */
  private static final Pattern DECIMAL = Pattern.compile("\\s*(-?[0-9]{1,15})\\s*");

  private PanicStartCodec() {}

  static byte[] encode(long epochMillis) {
    return Long.toString(epochMillis).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The start held by {@code stored}, or empty if it is not a start (corrupt text, an unexpected
   * type, or null).
   */
  static OptionalLong decode(Object stored) {
    if (stored instanceof Long || stored instanceof Integer) {
      return OptionalLong.of(((Number) stored).longValue());
    }
    String text;
    if (stored instanceof byte[]) {
      // ISO-8859-1 maps every byte to one char, so invalid UTF-8 cannot throw; it fails the match.
      text = new String((byte[]) stored, StandardCharsets.ISO_8859_1);
    } else if (stored instanceof ByteBuffer) {
      ByteBuffer copy = ((ByteBuffer) stored).duplicate();
      byte[] bytes = new byte[copy.remaining()];
      copy.get(bytes);
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    } else if (stored instanceof CharSequence) {
      text = stored.toString();
    } else {
      return OptionalLong.empty();
    }
    Matcher m = DECIMAL.matcher(text);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** For logs: what a corrupt value looked like, shortened and printable. */
  static String describe(Object stored) {
    String text;
    if (stored instanceof byte[]) {
      text = new String((byte[]) stored, StandardCharsets.ISO_8859_1);
    } else {
      text = String.valueOf(stored);
    }
    text = text.replaceAll("[^\\x20-\\x7E]", "?");
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
