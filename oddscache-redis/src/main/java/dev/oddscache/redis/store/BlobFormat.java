package dev.oddscache.redis.store;

import dev.oddscache.store.Tags;
import dev.oddscache.vix.DriftStamp;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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
 *            4  number of drift epochs, 0 for no drift information          (version 2 only)
 *               per epoch: 4-byte length, UTF-8 market id, 8-byte epoch (-1: untracked)
 *            …  the value, as the codec wrote it, to the end of the blob
 * </pre>
 *
 * Stateless and thread-safe. A new layout gets a new version byte; a reader rejects versions it
 * does not know rather than guessing. Version 1 blobs, written before drift epochs, are still
 * read, as values with no drift information.
 */
final class BlobFormat {
  static final byte VERSION = 2;
  /** The layout without drift epochs, still readable. */
  static final byte VERSION_1 = 1;
  /** Where the token starts; {@code GETRANGE key 1 8} and Lua's {@code string.sub(v, 2, 9)}. */
  static final int TOKEN_OFFSET = 1;
  private static final int FIXED_HEADER = 1 + 4 * Long.BYTES;

  private BlobFormat() {}

  /** A decoded blob; {@link #value()} holds the codec's bytes. */
  record Blob(long token, long storedAtMillis, long ttlSeconds, long loadNanos, Tags tags,
      DriftStamp drift, byte[] value) {}

  static byte[] encode(long token, long storedAtMillis, long ttlSeconds, long loadNanos, Tags tags,
      byte[] value) {
    return encode(token, storedAtMillis, ttlSeconds, loadNanos, tags, DriftStamp.NONE, value);
  }

  /**
   * @throws IllegalArgumentException if {@code drift} names another match than {@code tags}
   */
  static byte[] encode(long token, long storedAtMillis, long ttlSeconds, long loadNanos, Tags tags,
      DriftStamp drift, byte[] value) {
    if (!drift.isNone() && !drift.matchId().equals(tags.matchId())) {
      throw new IllegalArgumentException("drift epochs of match " + drift.matchId()
          + " on a value tagged with match " + tags.matchId());
    }
    byte[][] driftMarkets = new byte[drift.size()][];
    for (int i = 0; i < driftMarkets.length; i++) {
      driftMarkets[i] = drift.market(i).getBytes(StandardCharsets.UTF_8);
    }
    byte[] matchId = tags.isEmpty() ? null : tags.matchId().getBytes(StandardCharsets.UTF_8);
    byte[][] markets = tags.markets().stream()
        .map(m -> m.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    int size = FIXED_HEADER + Integer.BYTES + (matchId == null ? 0 : matchId.length) + Integer.BYTES
        + Integer.BYTES + value.length;
    for (byte[] market : markets) {
      size += Integer.BYTES + market.length;
    }
    for (byte[] market : driftMarkets) {
      size += Integer.BYTES + market.length + Long.BYTES;
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
    b.putInt(driftMarkets.length);
    for (int i = 0; i < driftMarkets.length; i++) {
      b.putInt(driftMarkets[i].length).put(driftMarkets[i]).putLong(drift.epoch(i));
    }
    return b.put(value).array();
  }

  /**
   * @throws IllegalArgumentException when {@code blob} is not a blob of a known version
   */
  static Blob decode(byte[] blob) {
    if (blob.length == 0 || blob[0] != VERSION && blob[0] != VERSION_1) {
      throw new IllegalArgumentException(blob.length == 0 ? "empty blob"
          : "unknown blob version " + blob[0] + ", this reader knows " + VERSION_1 + " and "
              + VERSION);
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(blob, 1, blob.length - 1);
      long token = b.getLong();
      long storedAtMillis = b.getLong();
      long ttlSeconds = b.getLong();
      long loadNanos = b.getLong();
      Tags tags = readTags(b);
      DriftStamp drift = blob[0] == VERSION_1 ? DriftStamp.NONE : readDrift(b, tags);
      byte[] value = Arrays.copyOfRange(blob, b.position(), blob.length);
      return new Blob(token, storedAtMillis, ttlSeconds, loadNanos, tags, drift, value);
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

  private static DriftStamp readDrift(ByteBuffer b, Tags tags) {
    int count = b.getInt();
    if (count < 0 || count > b.remaining() / (Integer.BYTES + Long.BYTES)) {
      throw new IllegalArgumentException("implausible drift epoch count " + count);
    }
    if (count == 0) {
      return DriftStamp.NONE;
    }
    if (tags.matchId() == null) {
      throw new IllegalArgumentException("drift epochs without a match id");
    }
    List<String> markets = new ArrayList<>(count);
    long[] epochs = new long[count];
    for (int i = 0; i < count; i++) {
      markets.add(string(b, b.getInt()));
      epochs[i] = b.getLong();
    }
    return DriftStamp.of(tags.matchId(), markets, epochs);
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
