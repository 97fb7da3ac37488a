package dev.oddscache.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.store.StoreKinds;
import dev.oddscache.vix.OddsTick;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Through the read path, with one context object reused across reads (as a client holding its
 * contexts does): a hit whose decision was reused still judges its value against the latest
 * epochs of its markets, so the read right after a price move reloads.
 */
class DecisionReuseReadTest {
  private static final double HOME = 2.0;

  private final CacheFixture f = new CacheFixture(StoreKinds.MEMORY);
  private final AtomicInteger loads = new AtomicInteger();
  private final AsyncLoader<String> loader =
      k -> CompletableFuture.completedFuture("v" + loads.incrementAndGet());
  private final MatchContext ctx = MatchContext.builder("psg-om").competition("Ligue 1")
      .markets("1x2").baseTtl(Duration.ofSeconds(60)).build();

  private void price(double odds) {
    f.cache.vix().accept(new OddsTick("psg-om", "1x2", "home", odds, f.ticker.epochMillis()));
  }

  @Test
  void anEpochChangeIsSeenByTheVeryNextRead() {
    price(HOME);
    f.getNow("k", ctx, loader);
    f.advanceSeconds(1);
    for (int i = 0; i < 3; i++) {
      CacheResult<String> hit = f.getNow("k", ctx, loader);
      assertThat(hit.strategy()).isEqualTo(Strategy.SERVE_FRESH);
      assertThat(hit.drift()).isEqualTo(DriftVerdict.UNMOVED);
    }

    price(HOME * Math.exp(0.03));
    CacheResult<String> next = f.getNow("k", ctx, loader);

    assertThat(next.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(next.value()).isEqualTo("v2");
    assertThat(f.getNow("k", ctx, loader).strategy()).isEqualTo(Strategy.SERVE_FRESH);
  }

  @Test
  void aPanicOfTheMatchIsSeenByTheVeryNextRead() {
    f.getNow("k", ctx, loader);
    assertThat(f.getNow("k", ctx, loader).decision().status()).isEqualTo(Status.NORMAL);

    long t = f.ticker.epochMillis() - 30_000;
    for (int i = 0; i < 25; i++) {
      f.cache.vix().accept(new OddsTick("psg-om", "btts", "yes", i % 2 == 0 ? 2.0 : 2.01,
          t + i * 1000L));
    }
    f.cache.vix().accept(new OddsTick("psg-om", "1x2", "home", 2.0, f.ticker.epochMillis()));
    f.cache.vix().accept(new OddsTick("psg-om", "1x2", "home", 2.3, f.ticker.epochMillis()));
    CacheResult<String> next = f.getNow("k", ctx, loader);

    assertThat(next.decision().status()).isEqualTo(Status.PANIC);
  }
}
