package dev.oddscache.server.config;

import dev.oddscache.server.settings.BetfairSettings;
import dev.oddscache.server.settings.ServerSettings;

/**
 * {@code betfair:} what {@code POST /v1/odds/betfair} takes on: the limits of one line ({@code
 * maxLineChars}, {@code maxTokensPerLine}, {@code maxStringChars}, {@code maxNumberChars}, {@code
 * maxNestingDepth}), what a body may expand to ({@code maxDecompressedBytes}) and how many bodies
 * are ingested at once ({@code maxConcurrentIngests}). Each must be at least one.
 */
final class BetfairSection {
  private static final Keys<BetfairSettings.Builder> KEYS = Keys.<BetfairSettings.Builder>of()
      .integer("maxLineChars", (b, v) -> b.lines(l -> l.maxLineChars(v)))
      .integer("maxTokensPerLine", (b, v) -> b.lines(l -> l.maxTokensPerLine(v)))
      .integer("maxStringChars", (b, v) -> b.lines(l -> l.maxStringChars(v)))
      .integer("maxNumberChars", (b, v) -> b.lines(l -> l.maxNumberChars(v)))
      .integer("maxNestingDepth", (b, v) -> b.lines(l -> l.maxNestingDepth(v)))
      .longInteger("maxDecompressedBytes", BetfairSettings.Builder::maxDecompressedBytes)
      .integer("maxConcurrentIngests", BetfairSettings.Builder::maxConcurrentIngests);

  private BetfairSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    BetfairSettings betfair = KEYS.read(s, BetfairSettings.from(base.betfair())).build();
    return ServerSettings.from(base).betfair(betfair).build();
  }
}
