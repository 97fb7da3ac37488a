package dev.oddscache.server.config;

import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.cache.PressureConfig;
import dev.oddscache.server.settings.FreshnessText;
import dev.oddscache.server.settings.QuantilesText;
import dev.oddscache.server.settings.ServerSettings;
import dev.oddscache.stats.Quantiles;

/**
 * {@code cache:} the read path, {@link OddsCacheConfig}: the load bulkhead, serving stale values
 * (while revalidating, on a load error, on overload), the load lease, metrics sampling, the
 * freshness rule ({@code drift} or {@code ttl}) and when the backend counts as under pressure.
 * {@code quantiles} is {@code histogram} (the default), {@code summary} or {@code none}; the
 * older {@code percentiles: true|false} still reads as {@code summary} or {@code none}.
 * {@code staleWindow: null} is the default rule: the effective TTL, at least one second. Under
 * {@code pressure:} only the keys present change.
 */
final class CacheSection {
  private static final Keys<PressureConfig.Builder> PRESSURE_KEYS =
      Keys.<PressureConfig.Builder>of()
          .decimal("occupancy", PressureConfig.Builder::occupancy)
          .decimal("latencyRatio", PressureConfig.Builder::latencyRatio)
          .integer("minLatencySamples", PressureConfig.Builder::minLatencySamples)
          .decimal("loadBudgetPerSecond", PressureConfig.Builder::loadBudgetPerSecond);

  private CacheSection() {}

  /** The section's keys; {@code pressure} changes keys of {@code basePressure}, the others stay. */
  private static Keys<OddsCacheConfig.Builder> keys(PressureConfig basePressure) {
    return Keys.<OddsCacheConfig.Builder>of()
        .bool("enabled", OddsCacheConfig.Builder::enabled)
        .integer("maxConcurrentLoads", OddsCacheConfig.Builder::maxConcurrentLoads)
        .duration("maxStaleOnOverload", OddsCacheConfig.Builder::maxStaleOnOverload)
        .duration("loadQueueTimeout", OddsCacheConfig.Builder::loadQueueTimeout)
        .duration("staleIfError", OddsCacheConfig.Builder::staleIfError)
        .durationOrNull("staleWindow", OddsCacheConfig.Builder::staleWindow)
        .decimal("latencySampleRate", OddsCacheConfig.Builder::latencySampleRate)
        // Before quantiles, which wins when both are set; true meant the summaries' quantiles.
        .bool("percentiles", (b, v) -> b.quantiles(v ? Quantiles.SUMMARY : Quantiles.NONE))
        .text("quantiles", (b, v) -> b.quantiles(QuantilesText.parse("quantiles", v)))
        .duration("leaseTime", OddsCacheConfig.Builder::leaseTime)
        .duration("leaseWait", OddsCacheConfig.Builder::leaseWait)
        .duration("leasePollInterval", OddsCacheConfig.Builder::leasePollInterval)
        .text("freshness", (b, v) -> b.freshness(FreshnessText.parse("freshness", v)))
        .mapping("pressure", (s, b) -> b.pressure(pressure(s, basePressure)));
  }

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    OddsCacheConfig current = base.policy().cache();
    OddsCacheConfig.Builder b = keys(current.pressure()).read(s, OddsCacheConfig.from(current));
    OddsCacheConfig cache = s.build(b::build);
    return ServerSettings.from(base).policy(p -> p.cache(cache)).build();
  }

  private static PressureConfig pressure(ConfigSection s, PressureConfig base) {
    PressureConfig.Builder b = PRESSURE_KEYS.read(s, PressureConfig.from(base));
    return s.build(b::build);
  }
}
