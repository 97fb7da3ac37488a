package dev.oddscache.tools.sim;

import dev.oddscache.MatchContext;
import dev.oddscache.cache.Strategy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A plain TTL cache with single-flight loading, like Caffeine's {@code get(key, loader)} or
 * Spring's {@code @Cacheable(sync = true)}: the zone's base TTL ({@code fixed-ttl}) or one fixed
 * TTL ({@code fixed-ttl:D}) whatever the volatility, one load per key at a time on a miss or
 * expiry, and no stale serving (waiters of a failed load all fail).
 */
final class FixedTtlPolicy extends PlainMapPolicy {
  private final Map<String, CompletableFuture<SimValue>> loading = new HashMap<>();
  private final String name;
  private final long fixedTtlNanos;

  /** @param ttl the fixed TTL, or null for the zone's */
  FixedTtlPolicy(String name, VirtualTime time, SimBackend backend, Duration ttl) {
    super(time, backend);
    this.name = name;
    this.fixedTtlNanos = ttl == null ? -1 : ttl.toNanos();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  protected long ttlNanos(MatchContext context) {
    return fixedTtlNanos < 0 ? super.ttlNanos(context) : fixedTtlNanos;
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
