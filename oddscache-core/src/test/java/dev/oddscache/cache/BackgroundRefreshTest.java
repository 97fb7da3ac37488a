package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static dev.oddscache.cache.CacheFixture.constant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.store.StoreKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Stale-while-revalidate starts at most one background refresh per key. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class BackgroundRefreshTest {
  private final StoreKind kind;
  private final CacheFixture f;

  BackgroundRefreshTest(StoreKind kind) {
    this.f = new CacheFixture(kind);
    this.kind = kind;
  }

  @Test
  void manyStaleReadsStartOneRefresh() {
    f.getNow("k", calm(10), constant("v1"));
    f.advanceSeconds(12);
    PendingLoader refresh = new PendingLoader();

    for (int i = 0; i < 100; i++) {
      CacheResult<String> r = f.getNow("k", calm(10), refresh);
      assertThat(r.strategy()).isEqualTo(Strategy.SERVE_STALE);
      assertThat(r.value()).isEqualTo("v1");
    }
    refresh.completeLast("v2");

    assertThat(refresh.calls).hasValue(1);
    assertThat(f.getNow("k", calm(10), refresh).value()).isEqualTo("v2");
    assertThat(f.cache.stats().toMap()).containsEntry("swr_background_success", 1L)
        .containsEntry("swr_served_stale", 100L);
  }

  @Test
  void refreshesOfDifferentKeysAreIndependent() {
    f.getNow("a", calm(10), constant("a1"));
    f.getNow("b", calm(10), constant("b1"));
    f.advanceSeconds(12);
    PendingLoader refresh = new PendingLoader();

    f.getNow("a", calm(10), refresh);
    f.getNow("b", calm(10), refresh);
    f.getNow("a", calm(10), refresh);

    assertThat(refresh.calls).hasValue(2);
  }

  @Test
  void failedRefreshDoesNotBlockTheNextOne() {
    f.getNow("k", calm(10), constant("v1"));
    f.advanceSeconds(12);
    PendingLoader refresh = new PendingLoader();

    f.getNow("k", calm(10), refresh);
    refresh.failLast(new IllegalStateException("backend hiccup"));
    CacheResult<String> stillStale = f.getNow("k", calm(10), refresh);
    refresh.completeLast("v2");

    assertThat(stillStale.value()).isEqualTo("v1");
    assertThat(refresh.calls).hasValue(2);
    assertThat(f.getNow("k", calm(10), refresh).value()).isEqualTo("v2");
    assertThat(f.cache.stats().toMap()).containsEntry("swr_background_error", 1L)
        .containsEntry("swr_background_success", 1L);
  }
}
