package dev.oddscache.tools.sim;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.cache.Strategy;
import java.util.concurrent.CompletableFuture;

/**
 * The seeds' starting point: a plain map cache with the zone TTL while calm, and a backend call
 * for every PANIC request (by the request's own status, else by its detector's). Nothing is
 * coalesced, so a hot key under panic costs one backend call per request, and a calm miss costs
 * one per request until the first load lands.
 */
final class BypassPolicy extends PlainMapPolicy {

  BypassPolicy(VirtualTime time, SimBackend backend) {
    super(time, backend);
  }

  @Override
  public String name() {
    return "bypass";
  }

  @Override
  public CompletableFuture<Served> get(String key, MatchContext context) {
    boolean panic = statusOf(context, time.ticker().epochMillis()) == Status.PANIC;
    if (!panic) {
      SimValue value = fresh(key, context);
      if (value != null) {
        return CompletableFuture.completedFuture(
            Served.of(Strategy.SERVE_FRESH, ageMillis(value), value));
      }
    }
    Strategy strategy = panic ? Strategy.BYPASS : Strategy.COMPUTE;
    return backend.call(key).thenApply(value -> {
      entries.put(key, value);
      return Served.of(strategy, ageMillis(value), value);
    });
  }
}
