package dev.oddscache.server.config;

import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.server.http.ServerSettings;
import java.util.List;

/**
 * {@code cache:} the read path, {@link OddsCacheConfig} (SPEC §9). {@code staleWindow: null} is
 * the default rule: the effective TTL, at least one second.
 */
final class CacheSection {
  static final List<String> KEYS = List.of("enabled", "maxConcurrentLoads", "maxStaleOnOverload",
      "loadQueueTimeout", "staleIfError", "staleWindow", "latencySampleRate", "percentiles",
      "leaseTime", "leaseWait", "leasePollInterval");

  private CacheSection() {}

  static ServerSettings apply(ConfigSection s, ServerSettings base) {
    s.allow(KEYS);
    OddsCacheConfig.Builder b = OddsCacheConfig.from(base.cache());
    b = s.bool("enabled", b, OddsCacheConfig.Builder::enabled);
    b = s.integer("maxConcurrentLoads", b, OddsCacheConfig.Builder::maxConcurrentLoads);
    b = s.duration("maxStaleOnOverload", b, OddsCacheConfig.Builder::maxStaleOnOverload);
    b = s.duration("loadQueueTimeout", b, OddsCacheConfig.Builder::loadQueueTimeout);
    b = s.duration("staleIfError", b, OddsCacheConfig.Builder::staleIfError);
    b = s.durationOrNull("staleWindow", b, OddsCacheConfig.Builder::staleWindow);
    b = s.decimal("latencySampleRate", b, OddsCacheConfig.Builder::latencySampleRate);
    b = s.bool("percentiles", b, OddsCacheConfig.Builder::percentiles);
    b = s.duration("leaseTime", b, OddsCacheConfig.Builder::leaseTime);
    b = s.duration("leaseWait", b, OddsCacheConfig.Builder::leaseWait);
    b = s.duration("leasePollInterval", b, OddsCacheConfig.Builder::leasePollInterval);
    return base.withCache(s.build(b::build));
  }
}
