package dev.oddscache.server.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A decompressed request body that stops with a 413 past a set number of bytes, so that a small
 * compressed body cannot keep a request thread decompressing for hours. Not thread-safe.
 */
final class DecompressedLimit extends FilterInputStream {
  private final long max;
  private long read;

  DecompressedLimit(InputStream in, long max) {
    super(in);
    this.max = max;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  private void count(int n) {
    read += n;
    if (read > max) {
      throw new ApiError(413, "decompressed body too large", "body",
          "a compressed body may expand to at most " + max
              + " bytes (betfair.maxDecompressedBytes); nothing was ingested past it");
    }
  }
}
