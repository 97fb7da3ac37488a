package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static dev.oddscache.cache.CacheFixture.constant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.MatchContext;
import dev.oddscache.Status;
import dev.oddscache.breaker.BreakerFloors;
import dev.oddscache.breaker.BreakerMode;
import dev.oddscache.decision.DecisionEngine;
import dev.oddscache.quota.PanicQuota;
import dev.oddscache.store.StoreKind;
import dev.oddscache.store.StoredValue;
import dev.oddscache.zone.ZonePolicy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values that state their own reuse rules (ValuePolicy/ValueRules): their base TTL, stale
 * windows, revalidate and storable replace the config's for them; breaker floors still apply.
 * Each value's rules are looked up by the value itself, so "ttl10" below is a value whose policy
 * says base TTL 10 s.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class OddsCacheValueRulesTest {
  /** A calm request without a base TTL of its own: the STANDARD zone's 300 s. */
  private static final MatchContext ZONE = MatchContext.builder("psg-om").competition("Ligue 1")
      .markets("1x2").status(Status.NORMAL).build();
  private static final IllegalStateException DOWN = new IllegalStateException("backend down");

  private final StoreKind kind;
  private final Map<String, ValueRules> rules = new ConcurrentHashMap<>();
  private final ValuePolicy<String> policy = v -> rules.getOrDefault(v, ValueRules.DEFAULT);
  private final CacheFixture f;

  OddsCacheValueRulesTest(StoreKind kind) {
    this.kind = kind;
    this.f = fixture(OddsCacheConfig.ofDefaults());
    rules.put("ttl10", new ValueRules(10, -1, -1, false, true));
    rules.put("max-age-0", new ValueRules(0, -1, -1, false, true));
    rules.put("max-age-0-revalidate", new ValueRules(0, -1, -1, true, true));
    rules.put("swr0", new ValueRules(10, 0, -1, false, true));
    rules.put("swr5s", new ValueRules(10, 5_000, -1, false, true));
    rules.put("sie30s", new ValueRules(10, 0, 30_000, false, true));
    rules.put("revalidate", new ValueRules(10, -1, -1, true, true));
    rules.put("no-store", new ValueRules(-1, -1, -1, false, false));
  }

  private CacheFixture fixture(OddsCacheConfig config) {
    return new CacheFixture(kind, config, b -> b.valuePolicy(policy));
  }

  /** Decisions with a 30 s floor for NORMAL requests while the breaker is NORMAL. */
  static DecisionEngine flooredEngine() {
    return new DecisionEngine(ZonePolicy.ofDefaults(), BreakerFloors.builder()
        .floor(BreakerMode.NORMAL, Status.NORMAL, 30).build(), PanicQuota.ofDefaults());
  }

  private static CacheResult<String> now(CompletableFuture<CacheResult<String>> f) {
    assertThat(f).as("an immediate answer").isDone();
    return f.join();
  }

  @Test
  void theValuesBaseTtlDecidesFreshnessInPlaceOfTheZones() {
    CacheResult<String> miss = f.getNow("k", ZONE, constant("ttl10"));
    f.getNow("plain", ZONE, constant("plain"));

    // Decided on the zone's 300 s before the value existed, reported rebased on its own 10 s.
    assertThat(miss.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(miss.decision().ttlSeconds()).isEqualTo(10);
    assertThat(miss.decision().baseTtlSeconds()).isEqualTo(10);
    assertThat(miss.decision().baseTtlExplicit()).isTrue();
    assertThat(f.cache.store().get("k").ttlSeconds()).isEqualTo(10);

    f.advanceSeconds(9);
    CacheResult<String> hit = f.getNow("k", ZONE, constant("unused"));
    assertThat(hit.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(hit.ageMillis()).isEqualTo(9_000);
    assertThat(hit.decision().ttlSeconds()).isEqualTo(10);
    assertThat(hit.decision().baseTtlExplicit()).isTrue();

    f.advanceSeconds(2);
    CacheResult<String> late = f.getNow("k", ZONE, constant("unused"));
    CacheResult<String> plain = f.getNow("plain", ZONE, constant("unused"));
    assertThat(late.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(late.value()).isEqualTo("ttl10");
    assertThat(late.stale()).isTrue();
    // A value that states nothing still follows the zone.
    assertThat(plain.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(plain.decision().ttlSeconds()).isEqualTo(300);
    assertThat(plain.decision().baseTtlExplicit()).isFalse();
  }

  @Test
  void theValuesBaseTtlAlsoReplacesTheRequestsExplicitOne() {
    f.getNow("k", calm(60), constant("ttl10"));
    f.advanceSeconds(11);

    CacheResult<String> late = f.getNow("k", calm(60), constant("unused"));

    assertThat(late.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(late.decision().ttlSeconds()).isEqualTo(10);
  }

  @Test
  void aBaseTtlOfZeroIsHeldFreshByTheBreakerFloor() {
    CacheFixture floored = new CacheFixture(kind, OddsCacheConfig.ofDefaults(), b -> b
        .valuePolicy(policy).decisionEngine(flooredEngine()));

    CacheResult<String> miss = floored.getNow("k", ZONE, constant("max-age-0"));
    assertThat(miss.decision().ttlSeconds()).isEqualTo(30);
    assertThat(miss.decision().baseTtlSeconds()).isZero();
    assertThat(miss.decision().breakerFloorSeconds()).isEqualTo(30);
    assertThat(floored.cache.store().get("k").ttlSeconds()).isEqualTo(30);

    floored.advanceSeconds(29);
    CacheResult<String> hit = floored.getNow("k", ZONE, constant("unused"));
    assertThat(hit.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(hit.value()).isEqualTo("max-age-0");
    assertThat(hit.decision().ttlSeconds()).isEqualTo(30);

    // Without the floor the same value is never fresh: every request bypasses.
    f.getNow("k", ZONE, constant("max-age-0"));
    f.advanceSeconds(1);
    assertThat(f.getNow("k", ZONE, constant("again")).strategy()).isEqualTo(Strategy.BYPASS);
  }

  @Test
  void aRevalidateValueIsHeldOnlyByTheFloor() {
    CacheFixture floored = new CacheFixture(kind, OddsCacheConfig.ofDefaults(), b -> b
        .valuePolicy(policy).decisionEngine(flooredEngine()));
    floored.getNow("k", ZONE, constant("max-age-0-revalidate"));

    floored.advanceSeconds(29);
    CacheResult<String> held = floored.getNow("k", ZONE, constant("unused"));
    floored.advanceSeconds(2);
    RecordingLoader loader = RecordingLoader.returning("new");
    CacheResult<String> past = floored.getNow("k", ZONE, loader);

    assertThat(held.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    // 1 s past its floored TTL: the config's stale window (30 s) does not apply to it.
    assertThat(past.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(past.value()).isEqualTo("new");
    assertThat(loader.calls()).containsExactly("reload k max-age-0-revalidate");
  }

  @Test
  void aStaleWindowOfZeroMeansReloadNotStaleWhileRevalidate() {
    f.getNow("k", ZONE, constant("swr0"));
    f.advanceSeconds(11);
    RecordingLoader loader = RecordingLoader.returning("new");

    CacheResult<String> result = f.getNow("k", ZONE, loader);

    // The config's window (the TTL, 10 s) would have served it stale.
    assertThat(result.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(result.value()).isEqualTo("new");
    assertThat(loader.calls()).containsExactly("reload k swr0");
  }

  @Test
  void theValuesStaleWindowServesStaleWithinItWithOneRefresh() {
    f.getNow("a", ZONE, constant("swr5s"));
    f.getNow("b", ZONE, constant("swr5s"));
    f.advanceSeconds(14);
    RecordingLoader refresh = RecordingLoader.holding();

    CacheResult<String> first = f.getNow("a", ZONE, refresh);
    CacheResult<String> second = f.getNow("a", ZONE, refresh);

    assertThat(first.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(first.value()).isEqualTo("swr5s");
    assertThat(first.ageMillis()).isEqualTo(14_000);
    assertThat(second.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(refresh.calls()).containsExactly("reload a swr5s");
    refresh.completeLast("refreshed");
    assertThat(f.cache.store().get("a").value()).isEqualTo("refreshed");

    // 6 s past its TTL: beyond its own 5 s window (the config's 10 s would still serve it).
    f.advanceSeconds(2);
    RecordingLoader loader = RecordingLoader.returning("new");
    CacheResult<String> beyond = f.getNow("b", ZONE, loader);
    assertThat(beyond.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(beyond.value()).isEqualTo("new");
  }

  @Test
  void theValuesStaleIfErrorBoundsTheFallback() {
    f.getNow("a", ZONE, constant("sie30s"));
    f.getNow("b", ZONE, constant("sie30s"));
    f.advanceSeconds(20);

    CacheResult<String> within = f.getNow("a", ZONE, RecordingLoader.failing(DOWN));
    assertThat(within.value()).isEqualTo("sie30s");
    assertThat(within.staleReason()).isEqualTo(StaleReason.LOAD_FAILED);
    assertThat(within.ageMillis()).isEqualTo(20_000);

    f.advanceSeconds(11);
    assertThat(f.cache.store().get("b")).as("still stored").isNotNull();
    // 31 s old: past its own 30 s, well within the config's 5 min.
    CompletableFuture<CacheResult<String>> beyond =
        f.cache.getAsync("b", ZONE, RecordingLoader.failing(DOWN));
    assertThatThrownBy(beyond::get).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("backend down");
  }

  @Test
  void aRevalidateValueIsNeverServedStaleOnError() {
    f.getNow("plain", ZONE, constant("swr0"));
    f.getNow("k", ZONE, constant("revalidate"));
    f.advanceSeconds(11);
    RecordingLoader failing = RecordingLoader.failing(DOWN);

    CacheResult<String> plain = f.getNow("plain", ZONE, failing);
    CompletableFuture<CacheResult<String>> revalidate = f.cache.getAsync("k", ZONE, failing);

    assertThat(plain.staleReason()).isEqualTo(StaleReason.LOAD_FAILED);
    assertThat(plain.value()).isEqualTo("swr0");
    assertThatThrownBy(revalidate::get).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("backend down");
    // Not served stale while revalidating either: the request went to the loader.
    assertThat(failing.calls()).containsExactly("reload plain swr0", "reload k revalidate");
  }

  @Test
  void aRevalidateValueIsNeverServedStaleOnOverload() {
    CacheFixture one = fixture(OddsCacheConfig.custom().maxConcurrentLoads(1)
        .loadQueueTimeout(Duration.ofSeconds(2)).build());
    one.getNow("plain", ZONE, constant("swr0"));
    one.getNow("k", ZONE, constant("revalidate"));
    one.advanceSeconds(11);
    RecordingLoader busy = RecordingLoader.holding();
    one.cache.getAsync("busy", ZONE, busy);
    assertThat(one.cache.loadsInFlight()).isEqualTo(1);

    CacheResult<String> plain = one.getNow("plain", ZONE, constant("never"));
    CompletableFuture<CacheResult<String>> revalidate =
        one.cache.getAsync("k", ZONE, constant("never"));
    assertThat(revalidate).isNotDone();
    one.advanceSeconds(2);

    assertThat(plain.staleReason()).isEqualTo(StaleReason.OVERLOADED);
    assertThat(plain.value()).isEqualTo("swr0");
    assertThatThrownBy(revalidate::get).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(OverloadException.class);
  }

  @Test
  void aNonStorableValueAnswersEveryWaiterAndIsNotStored() {
    long sizeBefore = f.cache.store().estimatedSize();
    RecordingLoader loader = RecordingLoader.holding();

    CompletableFuture<CacheResult<String>> a = f.cache.getAsync("k", ZONE, loader);
    CompletableFuture<CacheResult<String>> b = f.cache.getAsync("k", ZONE, loader);
    assertThat(a).isNotDone();
    assertThat(b).isNotDone();
    loader.completeLast("no-store");

    assertThat(loader.calls()).containsExactly("load k");
    assertThat(now(a).value()).isEqualTo("no-store");
    assertThat(now(b).value()).isEqualTo("no-store");
    assertThat(now(b).strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(f.cache.store().get("k")).isNull();
    assertThat(f.cache.store().estimatedSize()).isEqualTo(sizeBefore);
  }

  @Test
  void aNonStorableValueLeavesWhatTheKeyHeld() {
    f.getNow("k", calm(10), constant("old"));
    StoredValue<String> before = f.cache.store().get("k");
    long sizeBefore = f.cache.store().estimatedSize();
    f.advanceSeconds(25);
    RecordingLoader loader = RecordingLoader.holding();

    CompletableFuture<CacheResult<String>> a = f.cache.getAsync("k", calm(10), loader);
    CompletableFuture<CacheResult<String>> b = f.cache.getAsync("k", calm(10), loader);
    loader.completeLast("no-store");

    assertThat(loader.calls()).containsExactly("reload k old");
    assertThat(now(a).value()).isEqualTo("no-store");
    assertThat(now(b).value()).isEqualTo("no-store");
    StoredValue<String> after = f.cache.store().get("k");
    assertThat(after).isNotNull();
    assertThat(after.value()).isEqualTo("old");
    assertThat(after.storedAtMillis()).isEqualTo(before.storedAtMillis());
    assertThat(f.cache.store().estimatedSize()).isEqualTo(sizeBefore);
  }

  @Test
  void aThrowingPolicyFallsBackToTheConfig() {
    assertFollowsTheConfig(new CacheFixture(kind, OddsCacheConfig.ofDefaults(),
        b -> b.valuePolicy(v -> {
          throw new IllegalStateException("policy bug");
        })));
  }

  @Test
  void aPolicyReturningNullFallsBackToTheConfig() {
    assertFollowsTheConfig(new CacheFixture(kind, OddsCacheConfig.ofDefaults(),
        b -> b.valuePolicy(v -> null)));
  }

  /** Stored, fresh for the zone's 300 s, then stale within the config's window. */
  private static void assertFollowsTheConfig(CacheFixture c) {
    CacheResult<String> miss = c.getNow("k", ZONE, constant("ttl10"));
    assertThat(miss.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(miss.decision().ttlSeconds()).isEqualTo(300);
    assertThat(miss.decision().baseTtlExplicit()).isFalse();
    assertThat(c.cache.store().get("k").value()).isEqualTo("ttl10");

    c.advanceSeconds(299);
    CacheResult<String> hit = c.getNow("k", ZONE, constant("unused"));
    assertThat(hit.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(hit.decision().ttlSeconds()).isEqualTo(300);

    c.advanceSeconds(2);
    CacheResult<String> stale = c.getNow("k", ZONE, RecordingLoader.holding());
    assertThat(stale.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(stale.value()).isEqualTo("ttl10");
  }
}
