package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.constant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.invalidation.EventType;
import dev.oddscache.store.StoreKind;
import dev.oddscache.vix.OddsTick;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Freshness with price drift, cell by cell: unmoved values are fresh whatever the status, moved
 * ones reload, the floor holds a moved one only under backend pressure, and the per-call bounds
 * and fallbacks still apply. Every store kind, so the Redis blob carries the epochs too.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class DriftFreshnessTest {
  private static final double HOME = 2.0;

  private final StoreKind kind;
  private CacheFixture f;
  private final AtomicInteger loads = new AtomicInteger();
  private final AsyncLoader<String> loader =
      k -> CompletableFuture.completedFuture("v" + loads.incrementAndGet());

  DriftFreshnessTest(StoreKind kind) {
    this.kind = kind;
    this.f = new CacheFixture(kind);
  }

  private void price(double odds) {
    f.cache.vix().accept(new OddsTick("psg-om", "1x2", "home", odds, f.ticker.epochMillis()));
  }

  private static MatchContext context(Status status, long baseSeconds) {
    return MatchContext.builder("psg-om").competition("Ligue 1").markets("1x2").status(status)
        .baseTtl(Duration.ofSeconds(baseSeconds)).build();
  }

  private CacheResult<String> get(MatchContext ctx) {
    return f.getNow("k", ctx, loader);
  }

  @Test
  void untrackedMarketsFollowTheTtlRuleExactly() {
    get(context(Status.PANIC, 10));
    CacheResult<String> again = get(context(Status.PANIC, 10));

    assertThat(again.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(again.drift()).isEqualTo(DriftVerdict.NOT_APPLIED);
    assertThat(again.decision().freshnessReason()).isNull();
    assertThat(loads).hasValue(2);
  }

  @Test
  void anUnmovedValueIsFreshWhateverTheStatus() {
    price(HOME);
    get(context(Status.PANIC, 10));
    f.advanceSeconds(5);
    price(HOME * Math.exp(0.01));

    CacheResult<String> r = get(context(Status.PANIC, 10));

    assertThat(r.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(r.drift()).isEqualTo(DriftVerdict.UNMOVED);
    assertThat(r.value()).isEqualTo("v1");
    assertThat(r.decision().ttlSeconds()).as("the decision itself is unchanged").isZero();
    assertThat(r.decision().reasons()).last().asString()
        .isEqualTo("fresh until 1x2 moves 2.02%, at most 10s");
  }

  @Test
  void pastTheBaseAnUnmovedValueIsServedStaleWhileItRefreshesThenReloaded() {
    price(HOME);
    get(context(Status.NORMAL, 10));
    f.advanceSeconds(10);

    CacheResult<String> stale = get(context(Status.NORMAL, 10));
    assertThat(stale.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(stale.drift()).isEqualTo(DriftVerdict.UNMOVED);
    assertThat(loads).as("one background refresh").hasValue(2);

    f.advanceSeconds(20);
    CacheResult<String> tooStale = get(context(Status.NORMAL, 10));
    assertThat(tooStale.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(loads).hasValue(3);
  }

  @Test
  void aDriftedValueReloadsAtOnceThenTheNewOneIsFresh() {
    price(HOME);
    get(context(Status.NORMAL, 60));
    f.advanceSeconds(1);
    price(HOME * Math.exp(0.03));

    CacheResult<String> reloaded = get(context(Status.NORMAL, 60));
    assertThat(reloaded.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(reloaded.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(reloaded.value()).isEqualTo("v2");
    assertThat(reloaded.decision().freshnessReason())
        .isEqualTo("drifted: 1x2 moved since the load, reloaded");

    CacheResult<String> next = get(context(Status.NORMAL, 60));
    assertThat(next.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(next.value()).isEqualTo("v2");
  }

  @Test
  void aValueLoadedBeforeItsMarketsHadAFeedIsDriftedOnceTheyHaveOne() {
    get(context(Status.NORMAL, 60));
    f.advanceSeconds(1);
    price(HOME);

    CacheResult<String> r = get(context(Status.NORMAL, 60));

    assertThat(r.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(r.value()).isEqualTo("v2");
    assertThat(r.decision().freshnessReason())
        .isEqualTo("drifted: the feed of its markets started after the load, reloaded");
    assertThat(get(context(Status.NORMAL, 60)).drift()).isEqualTo(DriftVerdict.UNMOVED);
  }

  @Test
  void aValueWhoseFeedFellSilentReloadsThenFollowsTheTtlRule() {
    price(HOME);
    get(context(Status.NORMAL, 900));
    f.advanceSeconds(600);

    CacheResult<String> r = get(context(Status.NORMAL, 900));
    assertThat(r.drift()).isEqualTo(DriftVerdict.DRIFTED);
    CacheResult<String> next = get(context(Status.NORMAL, 900));
    assertThat(next.drift()).isEqualTo(DriftVerdict.NOT_APPLIED);
    assertThat(next.strategy()).isEqualTo(Strategy.SERVE_FRESH);
  }

  @Test
  void aLoadThatStraddlesAMoveIsDriftedAtOnce() {
    PendingLoader pending = new PendingLoader();
    price(HOME);
    CompletableFuture<CacheResult<String>> first =
        f.cache.getAsync("k", context(Status.NORMAL, 60), pending);
    price(HOME * Math.exp(0.05));
    pending.completeLast("during-the-move");
    assertThat(first.join().value()).isEqualTo("during-the-move");

    CacheResult<String> next = get(context(Status.NORMAL, 60));

    assertThat(next.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(next.value()).isEqualTo("v1");
  }

  @Test
  void anInvalidatingEventDriftsTheMarketsItHits() {
    price(HOME);
    get(context(Status.NORMAL, 60));
    f.cache.vix().accept(new OddsTick("psg-om", "btts", "yes", 1.8, f.ticker.epochMillis()));
    MatchContext btts = MatchContext.builder("psg-om").markets("btts").status(Status.NORMAL)
        .baseTtl(Duration.ofSeconds(60)).build();
    f.getNow("b", btts, loader);

    f.cache.invalidate("psg-om", EventType.ODDS_SHOCK, "1x2");

    assertThat(f.cache.vix().epoch("psg-om", "1x2", f.ticker.epochMillis())).isEqualTo(1);
    assertThat(f.getNow("b", btts, loader).drift()).isEqualTo(DriftVerdict.UNMOVED);
  }

  @Test
  void theFloorDoesNotHoldADriftedValueWhileTheBackendHasHeadroom() {
    openTheCircuit();
    price(HOME);
    get(context(Status.NORMAL, 10));
    f.advanceSeconds(1);
    price(HOME * Math.exp(0.03));

    CacheResult<String> r = get(context(Status.NORMAL, 10));

    assertThat(r.decision().floorSeconds()).isEqualTo(60);
    assertThat(r.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(r.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(r.decision().freshnessReason())
        .isEqualTo("drifted: 1x2 moved since the load, reloaded"
            + " (floor 60s not applied: backend has headroom)");
    assertThat(f.cache.pressure().underPressure()).isFalse();
  }

  @Test
  void theSameDriftedRequestIsHeldByTheFloorWhenTheBulkheadIsSaturated() {
    f = new CacheFixture(kind, OddsCacheConfig.custom().maxConcurrentLoads(1).build());
    openTheCircuit();
    price(HOME);
    get(context(Status.NORMAL, 10));
    f.advanceSeconds(1);
    price(HOME * Math.exp(0.03));
    PendingLoader busy = new PendingLoader();
    f.cache.getAsync("other", context(Status.NORMAL, 10), busy);
    assertThat(busy.pendingCount()).isEqualTo(1);

    CacheResult<String> held = get(context(Status.NORMAL, 10));

    assertThat(f.cache.pressure().underPressure()).isTrue();
    assertThat(f.cache.pressure().reason()).isEqualTo("bulkhead 1/1 in use");
    assertThat(held.drift()).isEqualTo(DriftVerdict.HELD);
    assertThat(held.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(held.value()).isEqualTo("v1");
    assertThat(held.decision().freshnessReason()).isEqualTo("drifted: 1x2 moved since the load,"
        + " but held by the 60s floor: backend under pressure (bulkhead 1/1 in use)");

    busy.completeLast("done");
    CacheResult<String> reloaded = get(context(Status.NORMAL, 10));
    assertThat(reloaded.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(reloaded.value()).isEqualTo("v2");
  }

  @Test
  void aDriftedValuePastTheFloorIsServedOnOverload() {
    f = new CacheFixture(kind, OddsCacheConfig.custom().maxConcurrentLoads(1).build());
    price(HOME);
    get(context(Status.NORMAL, 10));
    f.advanceSeconds(1);
    price(HOME * Math.exp(0.03));
    f.cache.getAsync("other", context(Status.NORMAL, 10), new PendingLoader());

    CacheResult<String> r = get(context(Status.NORMAL, 10));

    assertThat(r.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(r.staleReason()).isEqualTo(StaleReason.OVERLOADED);
    assertThat(r.value()).isEqualTo("v1");
  }

  @Test
  void aDriftedValueIsServedIfItsReloadFails() {
    price(HOME);
    get(context(Status.NORMAL, 10));
    f.advanceSeconds(1);
    price(HOME * Math.exp(0.03));

    CacheResult<String> r = f.getNow("k", context(Status.NORMAL, 10),
        k -> CompletableFuture.failedFuture(new IOException("backend down")));

    assertThat(r.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(r.staleReason()).isEqualTo(StaleReason.LOAD_FAILED);
    assertThat(r.value()).isEqualTo("v1");
  }

  @Test
  void perCallBoundsStillApply() {
    price(HOME);
    get(context(Status.NORMAL, 10));
    f.advanceSeconds(6);

    CacheResult<String> minFresh = f.getNow("k", context(Status.NORMAL, 10),
        ReadOptions.withMinFresh(Duration.ofSeconds(5)), loader);
    assertThat(minFresh.drift()).isEqualTo(DriftVerdict.UNMOVED);
    assertThat(minFresh.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(minFresh.value()).isEqualTo("v2");

    f.advanceSeconds(1);
    price(HOME * Math.exp(0.03));
    CacheResult<String> moved = f.getNow("k", context(Status.NORMAL, 10),
        ReadOptions.withMaxStale(Duration.ofSeconds(30)), loader);
    assertThat(moved.strategy()).as("max-stale bounds staleness; it does not buy moved prices")
        .isEqualTo(Strategy.BYPASS);
    assertThat(moved.drift()).isEqualTo(DriftVerdict.DRIFTED);
    assertThat(moved.value()).isEqualTo("v3");

    f.advanceSeconds(11);
    CacheResult<String> unmoved = f.getNow("k", context(Status.NORMAL, 10),
        ReadOptions.withMaxStale(Duration.ZERO), loader);
    assertThat(unmoved.drift()).isEqualTo(DriftVerdict.UNMOVED);
    assertThat(unmoved.strategy()).as("past its base with max-stale=0: no stale answer")
        .isEqualTo(Strategy.COMPUTE);
    assertThat(unmoved.value()).isEqualTo("v4");
  }

  @Test
  void freshnessTtlIgnoresTheFeed() {
    f = new CacheFixture(kind, OddsCacheConfig.custom().freshness(Freshness.TTL).build());
    price(HOME);
    get(context(Status.PANIC, 10));

    CacheResult<String> r = get(context(Status.PANIC, 10));

    assertThat(r.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(r.drift()).isEqualTo(DriftVerdict.NOT_APPLIED);
    assertThat(f.cache.store().get("k").drift().isNone()).isTrue();
  }

  /** 40 PANIC requests of another match, a second later: CIRCUIT_OPEN, NORMAL floor 60 s. */
  private void openTheCircuit() {
    MatchContext other = MatchContext.builder("other").markets("1x2").status(Status.PANIC)
        .build();
    for (int i = 0; i < 40; i++) {
      f.getNow("x", other, constant("x"));
    }
    f.advanceSeconds(1);
    f.getNow("y", context(Status.NORMAL, 10), constant("y"));
    assertThat(f.cache.breaker().mode()).isEqualTo(BreakerMode.CIRCUIT_OPEN);
  }
}
