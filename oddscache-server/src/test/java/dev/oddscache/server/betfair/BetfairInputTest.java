package dev.oddscache.server.betfair;

import static dev.oddscache.server.betfair.Lines.definition;
import static dev.oddscache.server.betfair.Lines.join;
import static dev.oddscache.server.betfair.Lines.prices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.vix.VixDetector;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain, gzip and bzip2 input, told apart by magic bytes rather than file names. */
class BetfairInputTest {
  private static final String SAMPLE = join(definition(1000, "OPEN", false),
      prices(2000, "\"ltp\":2.0,\"id\":1", "\"ltp\":5.0,\"id\":2"),
      prices(3000, "\"ltp\":2.1,\"id\":1"));

  @TempDir Path dir;

  @Test
  void plainFile_isReadAsIs() throws IOException {
    Path file = Files.writeString(dir.resolve("sample"), SAMPLE);

    assertThat(accepted(file)).isEqualTo(3);
  }

  @Test
  void gzipFile_isDecompressed() throws IOException {
    Path file = dir.resolve("sample.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
    }

    assertThat(detect(file)).isEqualTo(BetfairInput.Compression.GZIP);
    assertThat(accepted(file)).isEqualTo(3);
  }

  @Test
  void bzip2File_isDecompressed() throws IOException {
    Path file = dir.resolve("sample.bz2");
    try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(file))) {
      out.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
    }

    assertThat(detect(file)).isEqualTo(BetfairInput.Compression.BZIP2);
    assertThat(accepted(file)).isEqualTo(3);
  }

  @Test
  void compression_isToldByMagicBytesNotTheName() throws IOException {
    Path bz2NamedGz = dir.resolve("misnamed.gz");
    try (OutputStream out = new BZip2CompressorOutputStream(Files.newOutputStream(bz2NamedGz))) {
      out.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
    }
    Path gzWithoutExtension = dir.resolve("1.197931750");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzWithoutExtension))) {
      out.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
    }
    Path plainNamedBz2 = Files.writeString(dir.resolve("plain.bz2"), SAMPLE);

    assertThat(accepted(bz2NamedGz)).isEqualTo(3);
    assertThat(accepted(gzWithoutExtension)).isEqualTo(3);
    assertThat(accepted(plainNamedBz2)).isEqualTo(3);
  }

  @Test
  void concatenatedGzipMembers_areReadToTheEnd() throws IOException {
    Path file = dir.resolve("two-members.gz");
    try (OutputStream raw = Files.newOutputStream(file)) {
      for (String part : new String[] {join(definition(1000, "OPEN", false)),
          join(prices(2000, "\"ltp\":2.0,\"id\":1"))}) {
        GZIPOutputStream gz = new GZIPOutputStream(raw);
        gz.write(part.getBytes(StandardCharsets.UTF_8));
        gz.finish();
      }
    }

    assertThat(accepted(file)).isEqualTo(1);
  }

  @Test
  void emptyAndTinyInputs_arePlain() throws IOException {
    assertThat(BetfairInput.detect(new BufferedInputStream(new ByteArrayInputStream(new byte[0]))))
        .isEqualTo(BetfairInput.Compression.NONE);
    assertThat(BetfairInput.detect(new BufferedInputStream(new ByteArrayInputStream(new byte[] {
        0x1f})))).isEqualTo(BetfairInput.Compression.NONE);
  }

  @Test
  void detect_needsMarkSupport() {
    assertThatThrownBy(() -> BetfairInput.detect(Files.newInputStream(
        Files.writeString(dir.resolve("x"), "x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mark");
  }

  private static BetfairInput.Compression detect(Path file) throws IOException {
    try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return BetfairInput.detect(in);
    }
  }

  private static long accepted(Path file) throws IOException {
    try (BufferedReader in = BetfairInput.open(file)) {
      return new BetfairIngest(VixDetector.ofDefaults()).ingest(in).accepted();
    }
  }
}
