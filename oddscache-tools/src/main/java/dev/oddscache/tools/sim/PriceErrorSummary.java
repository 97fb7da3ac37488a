package dev.oddscache.tools.sim;

import java.util.Map;

/**
 * The price errors of one policy's answers, in log price: {@code 0.02} is a price about 2% off
 * the live one.
 *
 * @param count answers measured
 */
record PriceErrorSummary(long count, double mean, double p50, double p99, double p999,
    double max) {

  static PriceErrorSummary of(PriceErrorHistogram h) {
    return new PriceErrorSummary(h.count(), h.mean(), h.percentile(0.50), h.percentile(0.99),
        h.percentile(0.999), h.max());
  }

  /**
   * {@code {"mean","p50","p99","p999","max"}}: the percentiles with four decimals (the
   * histogram's resolution), the exact mean and maximum with six.
   */
  Map<String, Object> toJson() {
    return JsonNumbers.object("mean", JsonNumbers.fixed(mean, 6),
        "p50", JsonNumbers.fixed(p50, 4), "p99", JsonNumbers.fixed(p99, 4),
        "p999", JsonNumbers.fixed(p999, 4), "max", JsonNumbers.fixed(max, 6));
  }
}
