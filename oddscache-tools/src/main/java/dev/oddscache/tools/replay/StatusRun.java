package dev.oddscache.tools.replay;

/**
 * A maximal interval during which a market's held status was at least some level.
 *
 * @param startMillis the {@code pt} of the tick after which the status first reached the level
 * @param endMillis the first instant it was below the level again: the latest tick at or above
 *     the level plus the hold
 * @param peakZ the largest z-score among the market's ticks in {@code [startMillis, endMillis)}
 * @param inPlay whether the tick that started the run was in play
 */
record StatusRun(long startMillis, long endMillis, double peakZ, boolean inPlay) {
  long durationMillis() {
    return endMillis - startMillis;
  }
}
