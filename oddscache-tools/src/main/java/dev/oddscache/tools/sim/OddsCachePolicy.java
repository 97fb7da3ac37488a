package dev.oddscache.tools.sim;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.event.BreakerListener;
import dev.oddscache.cache.AsyncLoader;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.Freshness;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.cache.StaleReason;
import dev.oddscache.cache.Strategy;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.vix.OddsTick;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;

/**
 * The product: the real {@link OddsCache} with its in-memory store, running on the simulation's
 * virtual ticker, scheduler and executor; {@code oddscache} with the default configuration, {@code
 * oddscache-ttl} with price drift off. A feed's ticks go to the cache's own detector, whose
 * statuses and drift epochs the decisions then read.
 *
 * <p>A result served from an older value because a load failed or the bulkhead was full counts
 * as stale (and a stale-if-error answer as an error too), whatever strategy the
 * decision chose; {@link Served} keeps which of the two fallbacks it was.
 */
final class OddsCachePolicy implements SimPolicy {
  /** The default configuration: freshness by price drift. */
  static final OddsCacheConfig DEFAULT = OddsCacheConfig.ofDefaults();
  /** The seeds' timer rule. */
  static final OddsCacheConfig TTL = OddsCacheConfig.custom().freshness(Freshness.TTL).build();

  private final String name;
  private final VirtualTime time;
  private final OddsCache<SimValue> cache;
  private final AsyncLoader<SimValue> loader;

  OddsCachePolicy(String name, VirtualTime time, SimBackend backend, OddsCacheConfig config) {
    this.name = name;
    this.time = time;
    this.cache = OddsCache.<SimValue>builder()
        .ticker(time.ticker())
        .scheduler(time)
        .executor(time)
        .meterRegistry(new SimpleMeterRegistry())
        .config(config)
        .build();
    this.loader = backend::call;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void tick(OddsTick tick) {
    cache.vix().accept(tick);
  }

  @Override
  public void marketStatusChanged(String matchId, String market, long timestampMillis) {
    cache.vix().marketStatusChanged(matchId, market, timestampMillis);
  }

  @Override
  public Status statusOf(MatchContext context, long nowMillis) {
    return cache.decider().statusOf(context, nowMillis);
  }

  @Override
  public CompletableFuture<Served> get(String key, MatchContext context) {
    return cache.getAsync(key, context, loader).thenApply(OddsCachePolicy::served);
  }

  private static Served served(CacheResult<SimValue> r) {
    Strategy strategy = r.stale() ? Strategy.SERVE_STALE : r.strategy();
    return new Served(strategy, r.ageMillis(), r.value().loadMillis(), r.decision().tier(),
        r.staleReason() == StaleReason.LOAD_FAILED, r.staleReason() == StaleReason.OVERLOADED,
        r.value().prices(), r.drift());
  }

  @Override
  public void invalidate(String matchId, String eventType, String market) {
    EventType type = EventType.valueOf(eventType);
    if (market == null) {
      cache.invalidate(matchId, type);
    } else {
      cache.invalidate(matchId, type, market);
    }
  }

  @Override
  public void addBreakerListener(BreakerListener listener) {
    cache.breaker().addListener(listener);
  }

  @Override
  public void close() {
    cache.close();
  }
}
