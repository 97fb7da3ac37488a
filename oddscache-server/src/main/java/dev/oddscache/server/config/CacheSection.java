package dev.oddscache.server.config;

import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.server.settings.ServerSettings;

/**
 * {@code cache:} the read path, {@link OddsCacheConfig}: the load bulkhead, serving stale values
 * (while revalidating, on a load error, on overload), the load lease and metrics sampling. {@code
 * staleWindow: null} is the default rule: the effective TTL, at least one second.
 */
final class CacheSection {
  private static final Keys<OddsCacheConfig.Builder> KEYS = Keys.<OddsCacheConfig.Builder>of()
      .bool("enabled", OddsCacheConfig.Builder::enabled)
      .integer("maxConcurrentLoads", OddsCacheConfig.Builder::maxConcurrentLoads)
      .duration("maxStaleOnOverload", OddsCacheConfig.Builder::maxStaleOnOverload)
      .duration("loadQueueTimeout", OddsCacheConfig.Builder::loadQueueTimeout)
      .duration("staleIfError", OddsCacheConfig.Builder::staleIfError)
      .durationOrNull("staleWindow", OddsCacheConfig.Builder::staleWindow)
      .decimal("latencySampleRate", OddsCacheConfig.Builder::latencySampleRate)
      .bool("percentiles", OddsCacheConfig.Builder::percentiles)
      .duration("leaseTime", OddsCacheConfig.Builder::leaseTime)
      .duration("leaseWait", OddsCacheConfig.Builder::leaseWait)
      .duration("leasePollInterval", OddsCacheConfig.Builder::leasePollInterval);

  private CacheSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    OddsCacheConfig.Builder b = KEYS.read(s, OddsCacheConfig.from(base.policy().cache()));
    OddsCacheConfig cache = s.build(b::build);
    return ServerSettings.from(base).policy(p -> p.cache(cache)).build();
  }
}
