package dev.oddscache.tools.sim;

import java.util.Map;

/**
 * How many ages were recorded, and their p50, p99 and maximum.
 *
 * @param ages null when {@code count} is 0
 */
record CountedAges(long count, AgeSummary ages) {

  static CountedAges of(AgeHistogram histogram) {
    return new CountedAges(histogram.count(),
        histogram.count() == 0 ? null : AgeSummary.of(histogram));
  }

  /** {@code {"count","p50","p99","max"}}, ages in seconds with three decimals, null when none. */
  Map<String, Object> toJson() {
    return JsonNumbers.object("count", count,
        "p50", ages == null ? null : JsonNumbers.seconds(ages.p50Millis()),
        "p99", ages == null ? null : JsonNumbers.seconds(ages.p99Millis()),
        "max", ages == null ? null : JsonNumbers.seconds(ages.maxMillis()));
  }
}
