package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static dev.oddscache.cache.CacheFixture.constant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.invalidation.EventType;
import dev.oddscache.store.StoreKind;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A load that started before a GOAL must not put its pre-goal value back in the cache. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class InFlightInvalidationTest {
  private final StoreKind kind;
  private final CacheFixture f;

  InFlightInvalidationTest(StoreKind kind) {
    this.f = new CacheFixture(kind);
    this.kind = kind;
  }

  @Test
  void loadStartedBeforeTheEventIsServedButNotStored() {
    PendingLoader loader = new PendingLoader();
    CompletableFuture<CacheResult<String>> before = f.cache.getAsync("k", calm(60), loader);

    f.cache.invalidate("psg-om", EventType.GOAL);
    loader.completeLast("pre-goal");

    assertThat(before.join().value()).isEqualTo("pre-goal");
    assertThat(f.cache.store().get("k")).isNull();
    assertThat(f.getNow("k", calm(60), constant("post-goal")).value()).isEqualTo("post-goal");
    assertThat(f.getNow("k", calm(60), constant("unused")).value()).isEqualTo("post-goal");
  }

  @Test
  void fullInvalidationAlsoDiscardsInFlightValues() {
    PendingLoader loader = new PendingLoader();
    f.cache.getAsync("k", calm(60), loader);

    f.cache.invalidateAll();
    loader.completeLast("pre-clear");

    assertThat(f.cache.store().get("k")).isNull();
  }

  @Test
  void surgicalInvalidationReportsAndCounts() {
    f.getNow("k", calm(60), constant("v"));

    var report = f.cache.invalidate("psg-om", EventType.GOAL);

    assertThat(report.keysDeleted()).isEqualTo(1);
    assertThat(report.marketsAffected()).containsExactly("1x2");
    assertThat(f.cache.stats().toMap()).containsEntry("surgical_invalidation", 1L);
  }
}
