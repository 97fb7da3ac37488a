package dev.oddscache.tools.sim;

import java.util.Map;

/** The p50, p99 and maximum of served ages, in milliseconds. */
record AgeSummary(long p50Millis, long p99Millis, long maxMillis) {

  static AgeSummary of(AgeHistogram histogram) {
    return new AgeSummary(histogram.percentileMillis(0.50), histogram.percentileMillis(0.99),
        histogram.maxMillis());
  }

  /** {@code {"p50","p99","max"}} in seconds with three decimals. */
  Map<String, Object> toJson() {
    return JsonNumbers.object("p50", JsonNumbers.seconds(p50Millis),
        "p99", JsonNumbers.seconds(p99Millis), "max", JsonNumbers.seconds(maxMillis));
  }
}
