package dev.oddscache.cache;

import dev.oddscache.ManualTicker;
import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.store.StoreKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** An OddsCache on virtual time with a direct executor: every step is deterministic. */
final class CacheFixture {
  final ManualTicker ticker = new ManualTicker(Instant.parse("2026-03-01T18:00:00Z"));
  final ManualScheduler scheduler = new ManualScheduler(ticker);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final OddsCache<String> cache;

  CacheFixture(StoreKind kind) {
    this(kind, OddsCacheConfig.ofDefaults());
  }

  CacheFixture(StoreKind kind, OddsCacheConfig config) {
    this(kind, config, b -> {});
  }

  /** As {@link #CacheFixture(StoreKind, OddsCacheConfig)}, with more builder settings. */
  CacheFixture(StoreKind kind, OddsCacheConfig config,
      Consumer<OddsCache.Builder<String>> customize) {
    OddsCache.Builder<String> builder = OddsCache.<String>builder()
        .config(config)
        .store(kind.create(ticker))
        .ticker(ticker)
        .scheduler(scheduler)
        .executor(Runnable::run)
        .meterRegistry(registry);
    customize.accept(builder);
    cache = builder.build();
  }

  /** A calm request whose effective TTL is {@code ttlSeconds} (explicit base TTL, NORMAL). */
  static MatchContext calm(long ttlSeconds) {
    return MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2")
        .status(Status.NORMAL).baseTtl(Duration.ofSeconds(ttlSeconds)).build();
  }

  /** A PANIC request on a match whose panic just started: effective TTL 0. */
  static MatchContext panic() {
    return MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2")
        .status(Status.PANIC).baseTtl(Duration.ofSeconds(60)).build();
  }

  static AsyncLoader<String> constant(String value) {
    return k -> CompletableFuture.completedFuture(value);
  }

  CacheResult<String> getNow(String key, MatchContext ctx, AsyncLoader<String> loader) {
    return getNow(key, ctx, ReadOptions.DEFAULT, loader);
  }

  CacheResult<String> getNow(String key, MatchContext ctx, ReadOptions options,
      AsyncLoader<String> loader) {
    CompletableFuture<CacheResult<String>> f = cache.getAsync(key, ctx, options, loader);
    if (!f.isDone()) {
      throw new AssertionError("expected an immediate answer for " + key);
    }
    return f.join();
  }

  void advanceSeconds(long seconds) {
    scheduler.advance(Duration.ofSeconds(seconds));
  }
}
