package dev.oddscache.redis.store;

import dev.oddscache.store.Tags;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The binary blob that one Redis value key holds: everything a read needs in one
 * {@code GET}, and what a replacement or removal needs to clean the old tag sets. Big-endian:
 *
 * <pre>
 * offset  size  field
 *      0     1  version, {@value #VERSION}
 *      1     8  token of the put (see {@link TagMember}); scripts compare these bytes in place
 *      9     8  storedAtMillis
 *     17     8  ttlSeconds
 *     25     8  loadNanos
 *     33     4  length of the match id in UTF-8 bytes, or -1 for untagged
 *            n  match id
 *            4  number of markets
 *               per market: 4-byte length, UTF-8 bytes
 *            …  the value, as the codec wrote it, to the end of the blob
 * </pre>
 *
 * Stateless and thread-safe. A new layout gets a new version byte; a reader rejects versions it
 * does not know rather than guessing.
 */
final class BlobFormat {
  static final byte VERSION = 1;
  /** Where the token starts; {@code GETRANGE key 1 8} and Lua's {@code string.sub(v, 2, 9)}. */
  static final int TOKEN_OFFSET = 1;
  private static final int FIXED_HEADER = 1 + 4 * Long.BYTES;

  private BlobFormat() {}

  /** A decoded blob; {@link #value()} holds the codec's bytes. */
  record Blob(long token, long storedAtMillis, long ttlSeconds, long loadNanos, Tags tags,
      byte[] value) {}

  static byte[] encode(long token, long storedAtMillis, long ttlSeconds, long loadNanos, Tags tags,
      byte[] value) {
    byte[] matchId = tags.isEmpty() ? null : tags.matchId().getBytes(StandardCharsets.UTF_8);
    byte[][] markets = tags.markets().stream()
        .map(m -> m.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    int size = FIXED_HEADER + Integer.BYTES + (matchId == null ? 0 : matchId.length) + Integer.BYTES
        + value.length;
    for (byte[] market : markets) {
      size += Integer.BYTES + market.length;
    }
    ByteBuffer b = ByteBuffer.allocate(size)
        .put(VERSION).putLong(token).putLong(storedAtMillis).putLong(ttlSeconds).putLong(loadNanos);
    if (matchId == null) {
      b.putInt(-1);
    } else {
      b.putInt(matchId.length).put(matchId);
    }
    b.putInt(markets.length);
    for (byte[] market : markets) {
      b.putInt(market.length).put(market);
    }
    return b.put(value).array();
  }

  /**
   * @throws IllegalArgumentException when {@code blob} is not a blob of a known version
   */
  static Blob decode(byte[] blob) {
    if (blob.length == 0 || blob[0] != VERSION) {
      throw new IllegalArgumentException(blob.length == 0 ? "empty blob"
          : "unknown blob version " + blob[0] + ", this reader knows " + VERSION);
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(blob, 1, blob.length - 1);
      long token = b.getLong();
      long storedAtMillis = b.getLong();
      long ttlSeconds = b.getLong();
      long loadNanos = b.getLong();
      Tags tags = readTags(b);
      byte[] value = Arrays.copyOfRange(blob, b.position(), blob.length);
      return new Blob(token, storedAtMillis, ttlSeconds, loadNanos, tags, value);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated blob of " + blob.length + " bytes", e);
    }
  }

  private static Tags readTags(ByteBuffer b) {
    int matchIdLength = b.getInt();
    String matchId = matchIdLength < 0 ? null : string(b, matchIdLength);
    int count = b.getInt();
    if (count < 0 || count > b.remaining() / Integer.BYTES) {
      throw new IllegalArgumentException("implausible market count " + count);
    }
    Set<String> markets = new HashSet<>(count * 2);
    for (int i = 0; i < count; i++) {
      markets.add(string(b, b.getInt()));
    }
    if (matchId == null && !markets.isEmpty()) {
      throw new IllegalArgumentException("markets without a match id");
    }
    return matchId == null ? Tags.NONE : Tags.of(matchId, markets);
  }

  private static String string(ByteBuffer b, int length) {
    if (length < 0 || length > b.remaining()) {
      throw new IllegalArgumentException(
          "string of " + length + " bytes with " + b.remaining() + " left");
    }
    String s = new String(b.array(), b.position(), length, StandardCharsets.UTF_8);
    b.position(b.position() + length);
    return s;
  }
}
