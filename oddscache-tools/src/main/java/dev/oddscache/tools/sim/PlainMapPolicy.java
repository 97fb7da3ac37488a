package dev.oddscache.tools.sim;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.vix.OddsTick;
import dev.oddscache.vix.VixConfig;
import dev.oddscache.vix.VixDetector;
import dev.oddscache.zone.ZonePolicy;
import java.util.HashMap;
import java.util.Map;

/**
 * What the baselines share: a plain map from key to value, expiring by the base TTL of the
 * request's kickoff zone (or a fixed TTL), an invalidation a cache without a tag index can do:
 * drop every key of the match (or of the one market an event names), and a volatility detector
 * of their own with the default configuration, fed the same ticks as the product's, for the
 * status of requests that carry none. Not thread-safe.
 */
abstract class PlainMapPolicy implements SimPolicy {
  protected final VirtualTime time;
  protected final SimBackend backend;
  protected final Map<String, SimValue> entries = new HashMap<>();
  private final ZonePolicy zones = ZonePolicy.ofDefaults();
  private final VixDetector vix;

  PlainMapPolicy(VirtualTime time, SimBackend backend) {
    this.time = time;
    this.backend = backend;
    // On virtual time: the feed's ticks are dated in the run's clock, not the machine's.
    this.vix = new VixDetector(VixConfig.ofDefaults(), time.ticker());
  }

  /** The stored value for {@code key} if it is younger than {@link #ttlNanos}, else null. */
  protected SimValue fresh(String key, MatchContext context) {
    SimValue value = entries.get(key);
    if (value == null) {
      return null;
    }
    return ageNanos(value) < ttlNanos(context) ? value : null;
  }

  /** How long a value of a request like {@code context} stays fresh: the zone's base TTL. */
  protected long ttlNanos(MatchContext context) {
    return zones.baseTtlSeconds(zones.zoneOf(context.kickoff(), time.ticker().epochMillis()))
        * 1_000_000_000L;
  }

  @Override
  public void tick(OddsTick tick) {
    vix.accept(tick);
  }

  @Override
  public void marketStatusChanged(String matchId, String market, long timestampMillis) {
    vix.marketStatusChanged(matchId, market, timestampMillis);
  }

  @Override
  public Status statusOf(MatchContext context, long nowMillis) {
    if (context.status() != null) {
      return context.status();
    }
    return context.matchId() == null ? Status.NORMAL
        : vix.status(context.matchId(), context.markets(), nowMillis);
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
