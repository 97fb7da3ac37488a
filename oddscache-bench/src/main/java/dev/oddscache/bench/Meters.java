package dev.oddscache.bench;

import dev.oddscache.metrics.MeterNames;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/** Meter registry settings the benchmarks compare. */
final class Meters {
  private Meters() {}

  /** The MeterFilter of docs/metrics.md that drops the per-process quantiles. */
  static MeterFilter withoutPercentiles() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getName().equals(MeterNames.SERVED_AGE)
            || id.getName().equals(MeterNames.REQUEST_DURATION)) {
          return DistributionStatisticConfig.builder().percentiles().build().merge(config);
        }
        return config;
      }
    };
  }
}
