package dev.oddscache.server.settings;

import dev.oddscache.server.betfair.BetfairLimits;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What {@code POST /v1/odds/betfair} takes on: the limits of one line, how much a compressed body
 * may expand to, and how many bodies are ingested at once. Immutable; build with {@link
 * #custom()}.
 *
 * @param lines what one line may be; a line beyond them is skipped and listed as a rejection
 * @param maxDecompressedBytes what one body may expand to once decompressed; beyond it the
 *     request is answered 413 and nothing more is read from it
 * @param maxConcurrentIngests bodies ingested at once; one more is answered 503 with {@code
 *     Retry-After} before any of it is decompressed or parsed, so that a burst of ingests cannot
 *     take every core from the proxy
 */
public record BetfairSettings(BetfairLimits lines, long maxDecompressedBytes,
    int maxConcurrentIngests) {
  /**
   * 64 MiB. Real stream data compresses 9 (gzip) to 14 (bzip2) times, so a full 1 MiB body
   * expands to about 14 MiB; a bzip2 bomb of 1 MiB would expand to terabytes.
   */
  public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 64L * 1024 * 1024;
  /**
   * 2: a feed posts its bodies one after another, and two ingests at once leave the rest of a
   * small machine's cores to the proxy.
   */
  public static final int DEFAULT_MAX_CONCURRENT_INGESTS = 2;

  private static final BetfairSettings DEFAULTS = new BetfairSettings(BetfairLimits.ofDefaults(),
      DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_CONCURRENT_INGESTS);

  public BetfairSettings {
    Objects.requireNonNull(lines, "lines");
    Limits.atLeastOne("maxDecompressedBytes", maxDecompressedBytes);
    Limits.atLeastOne("maxConcurrentIngests", maxConcurrentIngests);
  }

  /** {@link BetfairLimits#ofDefaults()}, 64 MiB decompressed, two ingests at once. */
  public static BetfairSettings ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return from(DEFAULTS);
  }

  public static Builder from(BetfairSettings base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** Each setter rejects a bad value at once, naming it. Not thread-safe. */
  public static final class Builder {
    private BetfairLimits.Builder lines;
    private long maxDecompressedBytes;
    private int maxConcurrentIngests;

    private Builder(BetfairSettings base) {
      lines = BetfairLimits.from(base.lines);
      maxDecompressedBytes = base.maxDecompressedBytes;
      maxConcurrentIngests = base.maxConcurrentIngests;
    }

    public Builder lines(BetfairLimits value) {
      lines = BetfairLimits.from(Objects.requireNonNull(value, "lines"));
      return this;
    }

    /** Changes some of the line limits, keeping the others. */
    public Builder lines(Consumer<BetfairLimits.Builder> change) {
      change.accept(lines);
      return this;
    }

    public Builder maxDecompressedBytes(long value) {
      maxDecompressedBytes = Limits.atLeastOne("maxDecompressedBytes", value);
      return this;
    }

    public Builder maxConcurrentIngests(int value) {
      maxConcurrentIngests = (int) Limits.atLeastOne("maxConcurrentIngests", value);
      return this;
    }

    public BetfairSettings build() {
      return new BetfairSettings(lines.build(), maxDecompressedBytes, maxConcurrentIngests);
    }
  }
}
