package dev.oddscache.tools.sim;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.Strategy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A plain TTL cache with single-flight loading, like Caffeine's {@code get(key, loader)} or
 * Spring's {@code @Cacheable(sync = true)}: the zone's base TTL whatever the volatility, one load
 * per key at a time on a miss or expiry, and no stale serving (waiters of a failed load all fail).
 */
final class FixedTtlPolicy extends PlainMapPolicy {
  private final Map<String, CompletableFuture<SimValue>> loading = new HashMap<>();

  FixedTtlPolicy(VirtualTime time, SimBackend backend) {
    super(time, backend);
  }

  @Override
  public String name() {
    return "fixed-ttl";
  }

  @Override
  public CompletableFuture<Served> get(String key, MatchContext context) {
    SimValue value = fresh(key, context);
    if (value != null) {
      return CompletableFuture.completedFuture(
          Served.of(Strategy.SERVE_FRESH, ageMillis(value), value));
    }
    CompletableFuture<SimValue> load = loading.get(key);
    if (load == null) {
      load = backend.call(key);
      loading.put(key, load);
      load.whenComplete((v, e) -> {
        loading.remove(key);
        if (v != null) {
          entries.put(key, v);
        }
      });
    }
    return load.thenApply(v -> Served.of(Strategy.COMPUTE, ageMillis(v), v));
  }
}
