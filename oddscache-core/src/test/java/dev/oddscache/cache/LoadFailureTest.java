package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.store.StoreKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A load failure reaches every waiter once; the next request retries. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class LoadFailureTest {
  private final StoreKind kind;
  private final CacheFixture f;

  LoadFailureTest(StoreKind kind) {
    this.f = new CacheFixture(kind);
    this.kind = kind;
  }

  @Test
  void failureIsDeliveredToEveryWaiterOnceAndTheNextRequestRetries() {
    PendingLoader loader = new PendingLoader();
    List<CompletableFuture<CacheResult<String>>> waiters = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      waiters.add(f.cache.getAsync("k", calm(10), loader));
    }
    IllegalStateException boom = new IllegalStateException("backend down");
    List<Throwable> delivered = new ArrayList<>();
    waiters.forEach(w -> w.whenComplete((r, e) -> delivered.add(e)));

    loader.failLast(boom);

    assertThat(loader.calls).hasValue(1);
    assertThat(delivered).hasSize(10).allSatisfy(e -> assertThat(e).isSameAs(boom));
    waiters.forEach(w -> assertThat(w).isCompletedExceptionally());

    CompletableFuture<CacheResult<String>> retry = f.cache.getAsync("k", calm(10), loader);
    loader.completeLast("v");

    assertThat(loader.calls).hasValue(2);
    assertThat(retry.join().value()).isEqualTo("v");
    assertThat(f.cache.stats().toMap()).containsEntry("cache_errors", 1L);
  }

  @Test
  void loaderThatThrowsIsLikeAFailedFuture() {
    CompletableFuture<CacheResult<String>> result = f.cache.getAsync("k", calm(10), k -> {
      throw new IllegalArgumentException("bad key " + k);
    });

    assertThat(result).isCompletedExceptionally();
    org.assertj.core.api.Assertions.assertThatThrownBy(result::join)
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(f.cache.loadsInFlight()).isZero();
  }
}
