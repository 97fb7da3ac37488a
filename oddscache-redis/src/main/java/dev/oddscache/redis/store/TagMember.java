package dev.oddscache.redis.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A member of a tag set: the cache key and the token of the one {@code put} that added it, as 8
 * token bytes followed by the key in UTF-8.
 *
 * <p>Why a token: a value key and its tag sets live in different Cluster slots, so no command
 * can change both atomically. With plain keys as members, a removal's {@code SREM k} could land
 * after a concurrent {@code put} had re-added {@code k} (a no-op, it was already there), leaving
 * a readable value out of its tags. With tokens every put adds a member nobody else removes: a
 * removal or a replacement removes only the members it read, whose tokens are dead once their
 * value is gone or replaced, and a member is live exactly while its value key holds its token.
 *
 * @param token the random token of the put, also stored in the value blob
 * @param key the cache key (not the Redis key)
 */
record TagMember(long token, String key) {
  static final int TOKEN_BYTES = Long.BYTES;

  TagMember {
    Objects.requireNonNull(key, "key");
  }

  byte[] encode() {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(TOKEN_BYTES + k.length).putLong(token).put(k).array();
  }

  /** The token as the 8 bytes the blob holds at {@link BlobFormat#TOKEN_OFFSET}. */
  byte[] tokenBytes() {
    return tokenBytes(token);
  }

  static byte[] tokenBytes(long token) {
    return ByteBuffer.allocate(TOKEN_BYTES).putLong(token).array();
  }

  /**
   * @throws IllegalArgumentException when {@code bytes} is too short to be a member
   */
  static TagMember decode(byte[] bytes) {
    if (bytes.length < TOKEN_BYTES) {
      throw new IllegalArgumentException(
          "tag member of " + bytes.length + " bytes, need at least " + TOKEN_BYTES);
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    long token = b.getLong();
    String key =
        new String(bytes, TOKEN_BYTES, bytes.length - TOKEN_BYTES, StandardCharsets.UTF_8);
    return new TagMember(token, key);
  }
}
