package dev.oddscache.server.betfair;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * Opens Betfair stream input that may be plain, gzip or bzip2 compressed, deciding by the first
 * bytes rather than the file name: Betfair's historical data comes as {@code .bz2}, and renamed or
 * extension-less files are common. Text is read as UTF-8; malformed bytes become U+FFFD, so they
 * end up in a rejected line rather than stopping the input.
 */
public final class BetfairInput {
  private static final int BUFFER = 64 * 1024;

  private BetfairInput() {}

  /** The compression of a stream, as told by its magic bytes. */
  public enum Compression {
    NONE,
    /** RFC 1952: {@code 1f 8b}. */
    GZIP,
    /** {@code BZh} followed by the block size digit. */
    BZIP2
  }

  /**
   * A reader of {@code file}'s text, decompressed as needed. The caller closes it.
   *
   * @throws IOException if the file cannot be opened, or its compressed header is corrupt
   */
  public static BufferedReader open(Path file) throws IOException {
    InputStream raw = Files.newInputStream(file);
    try {
      return reader(raw);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** A reader of {@code in}'s text, decompressed as needed; closing it closes {@code in}. */
  public static BufferedReader reader(InputStream in) throws IOException {
    return new BufferedReader(
        new InputStreamReader(decompressed(in), StandardCharsets.UTF_8), BUFFER);
  }

  /** {@code in}, decompressed if its first bytes say it is gzip or bzip2 (concatenated too). */
  public static InputStream decompressed(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    switch (detect(buffered)) {
      case GZIP:
        return new GZIPInputStream(buffered, BUFFER);
      case BZIP2:
        return new BZip2CompressorInputStream(buffered, true);
      default:
        return buffered;
    }
  }

  /**
   * The compression of {@code in}, read from its first bytes without consuming them.
   *
   * @param in a stream that supports {@link InputStream#mark(int)}
   */
  public static Compression detect(InputStream in) throws IOException {
    if (!in.markSupported()) {
      throw new IllegalArgumentException("detect needs a stream that supports mark, got " + in);
    }
    in.mark(4);
    byte[] magic = in.readNBytes(4);
    in.reset();
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (magic.length == 4 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h'
        && magic[3] >= '1' && magic[3] <= '9') {
      return Compression.BZIP2;
    }
    return Compression.NONE;
  }
}
