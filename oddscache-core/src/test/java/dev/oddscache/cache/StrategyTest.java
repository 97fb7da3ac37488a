package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static dev.oddscache.cache.CacheFixture.constant;
import static dev.oddscache.cache.CacheFixture.panic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.MatchContext;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.store.StoreKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The four strategies (serve fresh, serve stale, compute, bypass), on virtual time. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class StrategyTest {
  private final StoreKind kind;
  private final CacheFixture f;

  StrategyTest(StoreKind kind) {
    this.f = new CacheFixture(kind);
    this.kind = kind;
  }

  @Test
  void missComputesThenHitIsFresh() {
    CacheResult<String> miss = f.getNow("k", calm(10), constant("v1"));
    f.advanceSeconds(9);
    CacheResult<String> hit = f.getNow("k", calm(10), constant("v2"));

    assertThat(miss.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(miss.value()).isEqualTo("v1");
    assertThat(miss.ageMillis()).isZero();
    assertThat(hit.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(hit.value()).isEqualTo("v1");
    assertThat(hit.ageMillis()).isEqualTo(9_000);
    assertThat(hit.decision().ttlSeconds()).isEqualTo(10);
  }

  @Test
  void pastTtlWithinStaleWindowServesStaleAndRefreshes() {
    f.getNow("k", calm(10), constant("v1"));
    f.advanceSeconds(15);

    CacheResult<String> stale = f.getNow("k", calm(10), constant("v2"));
    CacheResult<String> after = f.getNow("k", calm(10), constant("v3"));

    assertThat(stale.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(stale.value()).isEqualTo("v1");
    assertThat(stale.ageMillis()).isEqualTo(15_000);
    assertThat(stale.stale()).isTrue();
    assertThat(after.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(after.value()).isEqualTo("v2");
  }

  @Test
  void beyondTtlPlusStaleWindowComputes() {
    f.getNow("k", calm(10), constant("v1"));
    f.advanceSeconds(20);

    CacheResult<String> result = f.getNow("k", calm(10), constant("v2"));

    assertThat(result.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(result.value()).isEqualTo("v2");
  }

  @Test
  void effectiveTtlZeroBypassesButStillStores() {
    f.getNow("k", calm(60), constant("calm"));

    CacheResult<String> bypass = f.getNow("k", panic(), constant("panic"));
    CacheResult<String> calmAgain = f.getNow("k", calm(60), constant("unused"));

    assertThat(bypass.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(bypass.value()).isEqualTo("panic");
    assertThat(bypass.decision().ttlSeconds()).isZero();
    assertThat(calmAgain.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(calmAgain.value()).isEqualTo("panic");
  }

  @Test
  void bypassCoalescesConcurrentRequests() {
    PendingLoader loader = new PendingLoader();
    CompletableFuture<CacheResult<String>> a = f.cache.getAsync("k", panic(), loader);
    CompletableFuture<CacheResult<String>> b = f.cache.getAsync("k", panic(), loader);
    CompletableFuture<CacheResult<String>> c = f.cache.getAsync("k", panic(), loader);

    f.advanceSeconds(1);
    loader.completeLast("fresh");

    assertThat(loader.calls).hasValue(1);
    assertThat(a.join().value()).isEqualTo("fresh");
    assertThat(b.join().strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(c.join().ageMillis()).isZero();
  }

  @Test
  void disabledCacheLoadsEveryRequestCountedAsCompute() {
    CacheFixture disabled = new CacheFixture(kind, OddsCacheConfig.custom().enabled(false).build());

    disabled.getNow("k", calm(60), constant("v1"));
    CacheResult<String> second = disabled.getNow("k", calm(60), constant("v2"));

    assertThat(second.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(second.value()).isEqualTo("v2");
    assertThat(disabled.cache.stats().toMap()).containsEntry("strategy_compute", 2L);
  }

  @Test
  void nullFromLoaderIsAnErrorNotAValue() {
    CompletableFuture<CacheResult<String>> result =
        f.cache.getAsync("k", calm(10), k -> CompletableFuture.completedFuture(null));

    assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("loader returned null for key 'k'");
    assertThat(f.cache.store().get("k")).isNull();
  }

  @Test
  void syncGetRunsTheLoaderAndRethrowsItsException() {
    assertThat(f.cache.get("k", calm(10), k -> "sync").value()).isEqualTo("sync");
    assertThatThrownBy(() -> f.cache.get("x", calm(10), k -> {
      throw new java.io.IOException("backend down");
    })).isInstanceOf(LoadFailedException.class).hasRootCauseMessage("backend down");
    assertThatThrownBy(() -> f.cache.get("y", calm(10), k -> {
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class).hasMessage("boom");
  }

  @Test
  void everyRequestFeedsTheBreakerAndThePanicClock() {
    for (int i = 0; i < 40; i++) {
      f.getNow("k", panic(), constant("v"));
    }
    f.advanceSeconds(1);
    f.getNow("k", calm(10), constant("v"));

    assertThat(f.cache.breaker().state().samples()).isEqualTo(40);
    assertThat(f.cache.breaker().mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
    assertThat(f.cache.decider().panicClock().activePanics(f.ticker.epochMillis())).isEmpty();
  }

  @Test
  void blankKeyIsRejected() {
    assertThatThrownBy(() -> f.cache.getAsync(" ", MatchContext.none(), constant("v")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
  }
}
