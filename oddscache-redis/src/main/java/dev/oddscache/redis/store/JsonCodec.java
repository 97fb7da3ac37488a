package dev.oddscache.redis.store;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Values as JSON through a caller-configured Jackson {@link ObjectMapper}, which is thread-safe
 * once configured. A JSON {@code null} is rejected on decode: the cache never stores nulls, so
 * one in Redis means the bytes are not ours.
 */
final class JsonCodec<V> implements ValueCodec<V> {
  private final ObjectMapper mapper;
  private final JavaType type;

  JsonCodec(ObjectMapper mapper, JavaType type) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.type = Objects.requireNonNull(type, "type");
  }

  @Override
  public byte[] encode(V value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + type + " as JSON", e);
    }
  }

  @Override
  public V decode(byte[] bytes) {
    V value;
    try {
      value = mapper.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JSON as " + type, e);
    }
    if (value == null) {
      throw new IllegalArgumentException("JSON null where a " + type + " was expected");
    }
    return value;
  }

  @Override
  public String toString() {
    return "ValueCodec.json(" + type + ")";
  }
}
