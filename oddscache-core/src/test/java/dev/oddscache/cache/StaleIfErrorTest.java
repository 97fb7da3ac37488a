package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static dev.oddscache.cache.CacheFixture.constant;
import static dev.oddscache.cache.CacheFixture.panic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.store.StoreKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A failed load is answered with a stored value younger than staleIfError. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class StaleIfErrorTest {
  private final StoreKind kind;
  private final CacheFixture f;

  StaleIfErrorTest(StoreKind kind) {
    this.f = new CacheFixture(kind);
    this.kind = kind;
  }

  private static CompletableFuture<String> failing(String key) {
    return CompletableFuture.failedFuture(new IllegalStateException("backend down"));
  }

  @Test
  void withinTheWindowTheOldValueIsServed() {
    f.getNow("k", calm(10), constant("old"));
    f.advanceSeconds(120);

    CacheResult<String> result = f.getNow("k", calm(10), StaleIfErrorTest::failing);

    assertThat(result.value()).isEqualTo("old");
    assertThat(result.staleReason()).isEqualTo(StaleReason.LOAD_FAILED);
    assertThat(result.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(result.ageMillis()).isEqualTo(120_000);
    assertThat(f.cache.stats().toMap()).containsEntry("cache_hit_stale", 1L);
  }

  @Test
  void evenABypassFallsBackToTheStoredValue() {
    f.getNow("k", calm(10), constant("old"));
    f.advanceSeconds(30);

    CacheResult<String> result = f.getNow("k", panic(), StaleIfErrorTest::failing);

    assertThat(result.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(result.value()).isEqualTo("old");
    assertThat(result.staleReason()).isEqualTo(StaleReason.LOAD_FAILED);
  }

  @Test
  void beyondTheWindowTheCallerGetsTheException() {
    f.getNow("k", calm(10), constant("old"));
    f.advanceSeconds(301);

    CompletableFuture<CacheResult<String>> result =
        f.cache.getAsync("k", calm(10), StaleIfErrorTest::failing);

    assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("backend down");
  }

  @Test
  void customWindow() {
    CacheFixture shortWindow = new CacheFixture(kind,
        OddsCacheConfig.custom().staleIfError(Duration.ofSeconds(30)).maxStaleOnOverload(Duration.ZERO).build());
    shortWindow.getNow("k", calm(10), constant("old"));
    shortWindow.advanceSeconds(31);

    assertThat(shortWindow.cache.getAsync("k", calm(10), StaleIfErrorTest::failing))
        .isCompletedExceptionally();
  }
}
