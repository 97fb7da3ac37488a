package dev.oddscache.redis.store;

/** Values that already are bytes; no copy is made, so the store adds no cost. */
enum BytesCodec implements ValueCodec<byte[]> {
  INSTANCE;

  @Override
  public byte[] encode(byte[] value) {
    return value;
  }

  @Override
  public byte[] decode(byte[] bytes) {
    return bytes;
  }

  @Override
  public String toString() {
    return "ValueCodec.bytes()";
  }
}
