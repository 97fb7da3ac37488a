package dev.oddscache.tools.sim;

import dev.oddscache.MatchContext;
import dev.oddscache.zone.ZonePolicy;
import java.util.HashMap;
import java.util.Map;

/**
 * What the two baselines share: a plain map from key to value, expiring by the base TTL of the
 * request's kickoff zone, and an invalidation a cache without a tag index can do: drop every key
 * of the match
 * (or of the one market an event names). Not thread-safe.
 */
abstract class PlainMapPolicy implements SimPolicy {
  protected final VirtualTime time;
  protected final SimBackend backend;
  protected final Map<String, SimValue> entries = new HashMap<>();
  private final ZonePolicy zones = ZonePolicy.ofDefaults();

  PlainMapPolicy(VirtualTime time, SimBackend backend) {
    this.time = time;
    this.backend = backend;
  }

  /** The stored value for {@code key} if it is younger than the zone's base TTL, else null. */
  protected SimValue fresh(String key, MatchContext context) {
    SimValue value = entries.get(key);
    if (value == null) {
      return null;
    }
    long ttlNanos =
        zones.baseTtlSeconds(zones.zoneOf(context.kickoff(), time.ticker().epochMillis()))
            * 1_000_000_000L;
    return ageNanos(value) < ttlNanos ? value : null;
  }

  protected long ageNanos(SimValue value) {
    return time.nowNanos() - value.loadedAtNanos();
  }

  protected long ageMillis(SimValue value) {
    return ageNanos(value) / 1_000_000L;
  }

  @Override
  public void invalidate(String matchId, String eventType, String market) {
    String prefix = market == null ? matchId + "/" : matchId + "/" + market + "/";
    entries.keySet().removeIf(k -> k.startsWith(prefix));
  }
}
