package dev.oddscache.server.http;

import dev.oddscache.redis.store.ValueCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The proxy's cached responses in Redis: a version byte, the content type (modified UTF-8 with a
 * length prefix), then the body bytes. A plain binary layout, never Java serialization.
 */
final class CachedResponseCodec implements ValueCodec<CachedResponse> {
  static final CachedResponseCodec INSTANCE = new CachedResponseCodec();
  private static final int VERSION = 1;

  @Override
  public byte[] encode(CachedResponse value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.body().length + 64);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      out.writeUTF(value.contentType());
      out.write(value.body());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CachedResponse decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown cached response version " + version);
      }
      String contentType = in.readUTF();
      return new CachedResponse(in.readAllBytes(), contentType);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt cached response: " + e.getMessage(), e);
    }
  }
}
