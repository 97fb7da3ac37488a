package dev.oddscache.redis.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings as UTF-8. Decoding is strict: bytes written by another codec fail loudly instead of
 * coming back as replacement characters that would be served as if they were odds.
 */
enum Utf8StringCodec implements ValueCodec<String> {
  INSTANCE;

  @Override
  public byte[] encode(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("not valid UTF-8 (" + bytes.length + " bytes)", e);
    }
  }

  @Override
  public String toString() {
    return "ValueCodec.utf8String()";
  }
}
