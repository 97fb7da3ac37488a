package dev.oddscache.redis.panic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PanicStartCodecTest {
  private static final long START = 1_767_225_600_000L;

  @Test
  void encode_isDecimalAscii() {
    assertThat(new String(PanicStartCodec.encode(START), StandardCharsets.US_ASCII))
        .isEqualTo("1767225600000");
  }

  @Test
  void decode_bytesAndStringsAlike() {
    assertThat(PanicStartCodec.decode("1767225600000".getBytes(StandardCharsets.UTF_8)))
        .hasValue(START);
    assertThat(PanicStartCodec.decode("1767225600000")).hasValue(START);
    ByteBuffer buffer = ByteBuffer.wrap("1767225600000".getBytes(StandardCharsets.US_ASCII));
    assertThat(PanicStartCodec.decode(buffer)).hasValue(START);
    assertThat(PanicStartCodec.decode(START)).hasValue(START);
  }

  @Test
  void decode_toleratesSurroundingWhitespace() {
    assertThat(PanicStartCodec.decode(" 1767225600000\n")).hasValue(START);
    assertThat(PanicStartCodec.decode("\t1767225600000\r\n".getBytes(StandardCharsets.US_ASCII)))
        .hasValue(START);
    assertThat(PanicStartCodec.decode("-5")).hasValue(-5);
  }

  @Test
  void decode_corruptValues_areEmpty() {
    for (Object corrupt : new Object[] {"", "  ", "abc", "17672256e5", "1767225600000.0",
        "1 767", "+1767225600000", "0x10", "1234567890123456", new byte[] {(byte) 0xC3, 0x28},
        3.5d, null}) {
      assertThat(PanicStartCodec.decode(corrupt)).as("%s", corrupt).isEmpty();
    }
  }

  @Test
  void describe_isShortAndPrintable() {
    assertThat(PanicStartCodec.describe(new byte[] {'a', 0, 'b'})).isEqualTo("a?b");
    assertThat(PanicStartCodec.describe("x".repeat(100))).hasSize(43).endsWith("...");
  }
}
