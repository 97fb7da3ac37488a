package dev.oddscache.cache;

import dev.oddscache.Scheduler;
import dev.oddscache.Ticker;
import dev.oddscache.decision.Decider;
import dev.oddscache.stats.CacheMetrics;
import java.util.concurrent.Executor;

/**
 * What the parts of one {@link OddsCache} share, wired once by its builder.
 *
 * @param metrics already guarded: recording never throws
 */
record CacheServices<V>(OddsCacheConfig config, Ticker ticker, Scheduler scheduler,
    Executor executor, StoreAccess<V> store, CacheMetrics metrics, RulesLookup<V> rules,
    Decider decider) {}
