package dev.oddscache.server.betfair;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.util.Objects;

/**
 * How large one line of a Betfair stream may be, and what its JSON may hold, before it is
 * rejected whole: the bound on what one line costs in memory and time, whatever the input says.
 * Immutable; build with {@link #custom()}.
 *
 * <p>The defaults are sized from real data. In the four Betfair files of {@code
 * shared/data/betfair} (greyhound WIN and PLACE markets, a BASIC horse race, a SELF-recorded
 * PLACE market: 22,734 lines) the longest line is 8,341 characters and holds 2,757 JSON tokens,
 * the deepest nesting is 7, the longest string or field name 24 characters and the longest
 * number 18. A full market image is the largest message Betfair sends; by estimate (there is none
 * in the sample files), a 20-runner market with about 350 traded prices per runner comes to about
 * 100 KB. So the defaults leave 31 times the longest line seen and 2.5 times such an image, while
 * one line of a hostile body (a small gzip body expanding to megabytes of {@code {},{},...}
 * without a line break) is read and discarded instead of becoming millions of JSON nodes.
 *
 * @param maxLineChars the longest line, in characters; a longer one is read to its end without
 *     being kept, and rejected
 * @param maxTokensPerLine JSON tokens (brackets, names, values) in one line; bounds the parsed
 *     tree, some tens of bytes a token, to a few MiB
 * @param maxStringChars the longest JSON string or field name
 * @param maxNumberChars the longest JSON number, in characters
 * @param maxNestingDepth how deeply arrays and objects may nest; Betfair's schema needs 7
 */
public record BetfairLimits(int maxLineChars, int maxTokensPerLine, int maxStringChars,
    int maxNumberChars, int maxNestingDepth) {
  /** 256 Ki characters: 31 times the longest line of the sample files. */
  public static final int DEFAULT_MAX_LINE_CHARS = 256 * 1024;
  /** 65,536: 23 times the sample files' largest line, and about one token per 4 characters. */
  public static final int DEFAULT_MAX_TOKENS_PER_LINE = 65_536;
  /** 1,024: runner and event names are tens of characters; the sample files' longest is 24. */
  public static final int DEFAULT_MAX_STRING_CHARS = 1024;
  /** 64: a double prints in at most 24 characters; the sample files' longest is 18. */
  public static final int DEFAULT_MAX_NUMBER_CHARS = 64;
  /** 32: Betfair's messages nest at most 7 deep. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 32;

  private static final BetfairLimits DEFAULTS = new BetfairLimits(DEFAULT_MAX_LINE_CHARS,
      DEFAULT_MAX_TOKENS_PER_LINE, DEFAULT_MAX_STRING_CHARS, DEFAULT_MAX_NUMBER_CHARS,
      DEFAULT_MAX_NESTING_DEPTH);

  public BetfairLimits {
    positive("maxLineChars", maxLineChars);
    positive("maxTokensPerLine", maxTokensPerLine);
    positive("maxStringChars", maxStringChars);
    positive("maxNumberChars", maxNumberChars);
    positive("maxNestingDepth", maxNestingDepth);
  }

  public static BetfairLimits ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return from(DEFAULTS);
  }

  public static Builder from(BetfairLimits base) {
    return new Builder(Objects.requireNonNull(base, "base"));
  }

  /** The same limits with a different line length. */
  public BetfairLimits withMaxLineChars(int value) {
    return from(this).maxLineChars(value).build();
  }

  /** Jackson's form of these limits; field names share the string limit. */
  StreamReadConstraints constraints() {
    return StreamReadConstraints.builder()
        .maxDocumentLength(maxLineChars)
        .maxTokenCount(maxTokensPerLine)
        .maxStringLength(maxStringChars)
        .maxNameLength(maxStringChars)
        .maxNumberLength(maxNumberChars)
        .maxNestingDepth(maxNestingDepth)
        .build();
  }

  private static int positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be > 0, got " + value);
    }
    return value;
  }

  /** Each setter rejects a bad value at once, naming it. Not thread-safe. */
  public static final class Builder {
    private int maxLineChars;
    private int maxTokensPerLine;
    private int maxStringChars;
    private int maxNumberChars;
    private int maxNestingDepth;

    private Builder(BetfairLimits base) {
      maxLineChars = base.maxLineChars;
      maxTokensPerLine = base.maxTokensPerLine;
      maxStringChars = base.maxStringChars;
      maxNumberChars = base.maxNumberChars;
      maxNestingDepth = base.maxNestingDepth;
    }

    public Builder maxLineChars(int value) {
      maxLineChars = positive("maxLineChars", value);
      return this;
    }

    public Builder maxTokensPerLine(int value) {
      maxTokensPerLine = positive("maxTokensPerLine", value);
      return this;
    }

    public Builder maxStringChars(int value) {
      maxStringChars = positive("maxStringChars", value);
      return this;
    }

    public Builder maxNumberChars(int value) {
      maxNumberChars = positive("maxNumberChars", value);
      return this;
    }

    public Builder maxNestingDepth(int value) {
      maxNestingDepth = positive("maxNestingDepth", value);
      return this;
    }

    public BetfairLimits build() {
      return new BetfairLimits(maxLineChars, maxTokensPerLine, maxStringChars, maxNumberChars,
          maxNestingDepth);
    }
  }
}
