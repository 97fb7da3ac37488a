package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static dev.oddscache.cache.CacheFixture.constant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.store.StoreKind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** At most maxConcurrentLoads loads; overload serves stale or fails clearly. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class BulkheadTest {
  private final StoreKind kind;
  private final CacheFixture f;
  private final PendingLoader slow = new PendingLoader();

  BulkheadTest(StoreKind kind) {
    this.f = new CacheFixture(kind, OddsCacheConfig.custom()
        .maxConcurrentLoads(2).loadQueueTimeout(Duration.ofSeconds(2)).build());
    this.kind = kind;
  }

  private void fillBulkhead() {
    f.cache.getAsync("busy-1", calm(10), slow);
    f.cache.getAsync("busy-2", calm(10), slow);
    assertThat(f.cache.loadsInFlight()).isEqualTo(2);
  }

  @Test
  void overloadServesAStoredValueUpToMaxStaleOnOverload() {
    f.getNow("k", calm(10), constant("old"));
    f.advanceSeconds(45);
    fillBulkhead();

    CacheResult<String> result = f.getNow("k", calm(10), constant("never"));

    assertThat(result.value()).isEqualTo("old");
    assertThat(result.staleReason()).isEqualTo(StaleReason.OVERLOADED);
    assertThat(result.ageMillis()).isEqualTo(45_000);
    assertThat(slow.calls).hasValue(2);
  }

  @Test
  void overloadWithoutUsableValueWaitsThenFailsClearly() {
    fillBulkhead();

    CompletableFuture<CacheResult<String>> waiting = f.cache.getAsync("cold", calm(10), slow);
    f.scheduler.advance(Duration.ofMillis(1999));
    assertThat(waiting).isNotDone();
    f.scheduler.advance(Duration.ofMillis(1));

    assertThatThrownBy(waiting::get).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(OverloadException.class)
        .hasMessageContaining("cold").hasMessageContaining("PT2S").hasMessageContaining("2 loads");
    assertThat(f.cache.stats().toMap()).containsEntry("cache_errors", 1L);
  }

  @Test
  void aFreedSlotStartsTheQueuedLoad() {
    fillBulkhead();
    CompletableFuture<CacheResult<String>> waiting = f.cache.getAsync("cold", calm(10), slow);
    assertThat(slow.calls).hasValue(2);

    f.scheduler.advance(Duration.ofMillis(500));
    slow.completeLast("done-2");

    assertThat(slow.calls).hasValue(3);
    assertThat(f.cache.loadsInFlight()).isEqualTo(2);
    slow.completeLast("cold-value");
    assertThat(waiting.join().value()).isEqualTo("cold-value");
    f.scheduler.advance(Duration.ofSeconds(5));
    assertThat(waiting.join().value()).isEqualTo("cold-value");
  }

  @Test
  void loadsNeverExceedTheLimit() {
    for (int i = 0; i < 50; i++) {
      f.cache.getAsync("key-" + i, calm(10), slow);
      assertThat(f.cache.loadsInFlight()).isLessThanOrEqualTo(2);
    }
    assertThat(slow.calls).hasValue(2);
  }
}
