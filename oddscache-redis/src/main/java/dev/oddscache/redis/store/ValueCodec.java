package dev.oddscache.redis.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns cached values into the bytes a {@link RedisStore} keeps, and back. Java serialization
 * is deliberately not offered: it ties the stored bytes to class versions and turns every
 * reader into a deserialization gadget target.
 *
 * <p>Implementations must be thread-safe and must not return null. They signal a value they
 * cannot encode or bytes they cannot decode with a {@link RuntimeException}; the store wraps it
 * in a {@link dev.oddscache.store.StoreException} naming the key.
 *
 * @param <V> the type of the cached values
 */
public interface ValueCodec<V> {

  /** The bytes for {@code value}, never null. */
  byte[] encode(V value);

  /** The value written as {@code bytes}, never null. */
  V decode(byte[] bytes);

  /** The bytes themselves, unchanged and uncopied: the caller must not modify them afterwards. */
  static ValueCodec<byte[]> bytes() {
    return BytesCodec.INSTANCE;
  }

  /** Strings as UTF-8; bytes that are not valid UTF-8 fail to decode rather than being mangled. */
  static ValueCodec<String> utf8String() {
    return Utf8StringCodec.INSTANCE;
  }

  /** JSON through {@code mapper}, read back as {@code type}. */
  static <V> ValueCodec<V> json(ObjectMapper mapper, Class<V> type) {
    return new JsonCodec<>(mapper, mapper.getTypeFactory().constructType(type));
  }

  /** JSON through {@code mapper}, read back as a generic {@code type} such as a list of prices. */
  static <V> ValueCodec<V> json(ObjectMapper mapper, TypeReference<V> type) {
    return new JsonCodec<>(mapper, mapper.getTypeFactory().constructType(type));
  }
}
