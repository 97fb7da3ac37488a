package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static dev.oddscache.cache.CacheFixture.constant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.store.StoreKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Per-call maxStale and minFresh, like Cache-Control request directives. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class FreshnessBoundsTest {
  private final StoreKind kind;
  private final CacheFixture f;

  FreshnessBoundsTest(StoreKind kind) {
    this.f = new CacheFixture(kind);
    this.kind = kind;
  }

  private CacheResult<String> read(ReadOptions options, String loaded) {
    CompletableFuture<CacheResult<String>> r =
        f.cache.getAsync("k", calm(10), options, constant(loaded));
    return r.join();
  }

  @Test
  void maxStaleZeroNeverServesStale() {
    f.getNow("k", calm(10), constant("old"));
    f.advanceSeconds(12);

    CacheResult<String> strict = read(ReadOptions.withMaxStale(Duration.ZERO), "new");

    assertThat(strict.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(strict.value()).isEqualTo("new");
  }

  @Test
  void maxStaleAllowsStaleUpToItsBound() {
    f.getNow("k", calm(10), constant("old"));
    f.advanceSeconds(13);

    assertThat(read(ReadOptions.withMaxStale(Duration.ofSeconds(5)), "new").strategy())
        .isEqualTo(Strategy.SERVE_STALE);
    f.getNow("j", calm(10), constant("old"));
    f.advanceSeconds(13);
    assertThat(f.cache.getAsync("j", calm(10), ReadOptions.withMaxStale(Duration.ofSeconds(2)),
        constant("new")).join().strategy()).isEqualTo(Strategy.COMPUTE);
  }

  @Test
  void maxStaleZeroAlsoRefusesStaleIfError() {
    f.getNow("k", calm(10), constant("old"));
    f.advanceSeconds(30);

    CompletableFuture<CacheResult<String>> r = f.cache.getAsync("k", calm(10),
        ReadOptions.withMaxStale(Duration.ZERO),
        k -> CompletableFuture.failedFuture(new IllegalStateException("down")));

    assertThat(r).isCompletedExceptionally();
  }

  @Test
  void minFreshReloadsAValueAboutToExpire() {
    f.getNow("k", calm(10), constant("old"));
    f.advanceSeconds(7);

    assertThat(read(ReadOptions.withMinFresh(Duration.ofSeconds(2)), "new").strategy())
        .isEqualTo(Strategy.SERVE_FRESH);
    f.advanceSeconds(1);
    CacheResult<String> reloaded = read(ReadOptions.withMinFresh(Duration.ofSeconds(3)), "new");
    assertThat(reloaded.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(reloaded.value()).isEqualTo("new");
  }

  @Test
  void noCacheAlwaysLoads() {
    f.getNow("k", calm(60), constant("old"));

    CacheResult<String> r = read(ReadOptions.reload(), "new");

    assertThat(r.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(r.value()).isEqualTo("new");
  }
}
