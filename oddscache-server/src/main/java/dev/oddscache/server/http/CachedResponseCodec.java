package dev.oddscache.server.http;

import dev.oddscache.redis.store.ValueCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy's stored responses in Redis, a plain binary layout (never Java serialization).
 *
 * <p>Version 2: a version byte; status (short); response arrival (long epoch millis); age on
 * arrival (long seconds); header count (int), then each name and value (modified UTF-8 with a
 * length prefix); the count and values of the request fields its {@code Vary} names (NUL for an
 * absent one); then the body bytes. Version 1 (written before responses kept their headers: a
 * content type, then the body) still reads, as a 200 with that content type and no stated
 * freshness, so entries written by an older server keep serving until they expire.
 */
final class CachedResponseCodec implements ValueCodec<CachedResponse> {
  static final CachedResponseCodec INSTANCE = new CachedResponseCodec();
  private static final int VERSION_1 = 1;
  private static final int VERSION = 2;

  @Override
  public byte[] encode(CachedResponse value) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.body().length + 256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(VERSION);
      out.writeShort(value.status());
      out.writeLong(value.responseMillis());
      out.writeLong(value.initialAgeSeconds());
      Headers h = value.headers();
      out.writeInt(h.size());
      for (int i = 0; i < h.size(); i++) {
        out.writeUTF(h.name(i));
        out.writeUTF(h.value(i));
      }
      List<String> vary = value.varyValues();
      out.writeInt(vary.size());
      for (String v : vary) {
        out.writeUTF(v);
      }
      out.write(value.body());
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public CachedResponse decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      if (version == VERSION_1) {
        String contentType = in.readUTF();
        return CachedResponse.restored(200, Headers.builder().add("Content-Type", contentType)
            .build(), in.readAllBytes(), 0, 0, List.of());
      }
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown cached response version " + version);
      }
      int status = in.readUnsignedShort();
      long responseMillis = in.readLong();
      long initialAge = in.readLong();
      int count = in.readInt();
      if (count < 0 || count > 10_000) {
        throw new IllegalArgumentException("corrupt cached response: " + count + " headers");
      }
      Headers.Builder headers = Headers.builder();
      for (int i = 0; i < count; i++) {
        headers.add(in.readUTF(), in.readUTF());
      }
      int varyCount = in.readInt();
      if (varyCount < 0 || varyCount > 1_000) {
        throw new IllegalArgumentException(
            "corrupt cached response: " + varyCount + " vary values");
      }
      List<String> vary = new ArrayList<>(varyCount);
      for (int i = 0; i < varyCount; i++) {
        vary.add(in.readUTF());
      }
      return CachedResponse.restored(status, headers.build(), in.readAllBytes(), responseMillis,
          initialAge, vary);
    } catch (EOFException e) {
      // EOFException has no message: without this the error read "corrupt cached response: null".
      throw new IllegalArgumentException("corrupt cached response: truncated at "
          + bytes.length + " bytes", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("corrupt cached response: " + e.getMessage(), e);
    }
  }
}
