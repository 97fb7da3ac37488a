package dev.oddscache.cache;

import static dev.oddscache.cache.CacheFixture.calm;
import static dev.oddscache.cache.CacheFixture.constant;
import static dev.oddscache.cache.CacheFixture.panic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oddscache.Status;
import dev.oddscache.store.StoreKind;
import dev.oddscache.store.StoredValue;
import dev.oddscache.store.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loaders that revalidate what the cache holds (reload(key, oldValue), like Caffeine's
 * CacheLoader.reload) and select stored values (accepts), and max-stale during a TTL-0 (PANIC)
 * decision; for async and sync loaders.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.oddscache.store.StoreKinds#all")
class OddsCacheReloadTest {
  private static final IllegalStateException DOWN = new IllegalStateException("backend down");
  private static final ReadOptions MAX_STALE_30S = ReadOptions.withMaxStale(Duration.ofSeconds(30));

  private final StoreKind kind;
  private final Map<String, ValueRules> rules = new ConcurrentHashMap<>();
  private final CacheFixture f;

  OddsCacheReloadTest(StoreKind kind) {
    this.kind = kind;
    this.f = new CacheFixture(kind, OddsCacheConfig.ofDefaults(),
        b -> b.valuePolicy(v -> rules.getOrDefault(v, ValueRules.DEFAULT)));
    rules.put("must-revalidate", new ValueRules(60, -1, -1, true, true));
  }

  private CacheResult<String> now(String key, dev.oddscache.MatchContext context,
      ReadOptions options, AsyncLoader<String> loader) {
    CompletableFuture<CacheResult<String>> result = f.cache.getAsync(key, context, options, loader);
    assertThat(result).as("an immediate answer").isDone();
    return result.join();
  }

  // --- reload(key, oldValue) ---

  @Test
  void aMissIsLoadedNotReloaded() {
    RecordingLoader loader = RecordingLoader.returning("v1");

    f.getNow("k", calm(10), loader);

    assertThat(loader.calls()).containsExactly("load k");
  }

  @Test
  void aTooStaleComputeReloadsTheOldValue() {
    f.getNow("k", calm(10), constant("v1"));
    f.advanceSeconds(25);
    RecordingLoader loader = RecordingLoader.returning("v2");

    CacheResult<String> result = f.getNow("k", calm(10), loader);

    assertThat(result.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(result.value()).isEqualTo("v2");
    assertThat(loader.calls()).containsExactly("reload k v1");
  }

  @Test
  void aBypassReloadsTheOldValue() {
    f.getNow("k", calm(60), constant("v1"));
    RecordingLoader loader = RecordingLoader.returning("v2");

    CacheResult<String> noCache = now("k", calm(60), ReadOptions.reload(), loader);
    CacheResult<String> panicking = f.getNow("k", panic(), loader);

    assertThat(noCache.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(noCache.value()).isEqualTo("v2");
    assertThat(panicking.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(loader.calls()).containsExactly("reload k v1", "reload k v2");
  }

  @Test
  void aBackgroundRefreshReloadsTheOldValue() {
    f.getNow("k", calm(10), constant("v1"));
    f.advanceSeconds(12);
    RecordingLoader loader = RecordingLoader.returning("v2");

    CacheResult<String> stale = f.getNow("k", calm(10), loader);

    assertThat(stale.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(stale.value()).isEqualTo("v1");
    assertThat(loader.calls()).containsExactly("reload k v1");
    assertThat(f.cache.store().get("k").value()).isEqualTo("v2");
  }

  @Test
  void theSyncGetLoadsOnAMissAndReloadsOtherwise() {
    SyncLoader loader = new SyncLoader("v", v -> false);

    CacheResult<String> miss = f.cache.get("k", calm(10), loader);
    f.advanceSeconds(12);
    CacheResult<String> stale = f.cache.get("k", calm(10), loader); // background refresh
    CacheResult<String> bypass = f.cache.get("k", calm(10), ReadOptions.reload(), loader);
    f.advanceSeconds(25);
    CacheResult<String> tooStale = f.cache.get("k", calm(10), loader);

    assertThat(miss.value()).isEqualTo("v1");
    assertThat(stale.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(stale.value()).isEqualTo("v1");
    assertThat(bypass.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(bypass.value()).isEqualTo("v3");
    assertThat(tooStale.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(tooStale.value()).isEqualTo("v4");
    assertThat(loader.calls).containsExactly("load k", "reload k v1", "reload k v2",
        "reload k v3");
  }

  // --- accepts(stored) ---

  @Test
  void aRefusedValueIsAMissLoadedAndReplaced() {
    f.getNow("k", calm(60), constant("v1"));
    RecordingLoader refusing = RecordingLoader.returning("v2").refusing("v1"::equals);

    CacheResult<String> result = f.getNow("k", calm(60), refusing);
    CacheResult<String> next = f.getNow("k", calm(60), constant("unused"));

    // v1 was fresh, yet not this loader's answer.
    assertThat(result.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(result.value()).isEqualTo("v2");
    assertThat(refusing.calls()).containsExactly("load k");
    assertThat(f.cache.store().get("k").value()).isEqualTo("v2");
    assertThat(next.strategy()).isEqualTo(Strategy.SERVE_FRESH);
    assertThat(next.value()).isEqualTo("v2");
  }

  @Test
  void aRefusedValueIsNeverServedStaleNorReloaded() {
    f.getNow("k", calm(10), constant("v1"));
    f.advanceSeconds(12);
    RecordingLoader refusing = RecordingLoader.failing(DOWN).refusing("v1"::equals);

    // Within the stale window and stale-if-error: an accepted v1 would be served either way.
    CompletableFuture<CacheResult<String>> calmRead = f.cache.getAsync("k", calm(10), refusing);
    CompletableFuture<CacheResult<String>> bypass = f.cache.getAsync("k", panic(), refusing);

    assertThatThrownBy(calmRead::get).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("backend down");
    assertThatThrownBy(bypass::get).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("backend down");
    assertThat(refusing.calls()).containsExactly("load k", "load k");
    assertThat(f.cache.store().get("k").value()).isEqualTo("v1");
  }

  @Test
  void theSyncGetHonoursAccepts() {
    f.cache.get("k", calm(60), k -> "v1");
    SyncLoader refusing = new SyncLoader("w", "v1"::equals);

    CacheResult<String> result = f.cache.get("k", calm(60), refusing);

    assertThat(result.strategy()).isEqualTo(Strategy.COMPUTE);
    assertThat(result.value()).isEqualTo("w1");
    assertThat(refusing.calls).containsExactly("load k");
    assertThat(f.cache.store().get("k").value()).isEqualTo("w1");
  }

  @Test
  void aLeaseHoldersValueTheLoaderRefusesIsNotServed() {
    CacheFixture leased = new CacheFixture(kind, OddsCacheConfig.ofDefaults(),
        b -> b.loadLease(new HeldElsewhere()));
    RecordingLoader refusing = RecordingLoader.returning("mine").refusing("theirs"::equals);
    RecordingLoader accepting = RecordingLoader.returning("unused");

    CompletableFuture<CacheResult<String>> refused = leased.cache.getAsync("k", calm(60), refusing);
    CompletableFuture<CacheResult<String>> accepted =
        leased.cache.getAsync("other", calm(60), accepting);
    // The other process, holding both leases, stores its values.
    leased.scheduler.advance(Duration.ofMillis(100));
    Tags tags = Tags.of("psg-om", Set.of("1x2"));
    StoredValue<String> theirs = new StoredValue<>("theirs", leased.ticker.epochMillis(), 60, 0);
    leased.cache.store().put("k", theirs, tags, Duration.ofMinutes(5));
    leased.cache.store().put("other", theirs, tags, Duration.ofMinutes(5));
    leased.scheduler.advance(Duration.ofSeconds(1));

    assertThat(accepted.join().value()).isEqualTo("theirs");
    assertThat(accepting.calls()).isEmpty();
    // Refused: loaded here once leaseWait ran out, with load (what it holds is no answer).
    assertThat(refused.join().value()).isEqualTo("mine");
    assertThat(refusing.calls()).containsExactly("load k");
    assertThat(leased.cache.store().get("k").value()).isEqualTo("mine");
  }

  // --- ReadOptions.maxStale during a TTL-0 decision ---

  @Test
  void maxStaleInAPanicServesAStoredValueWithinItAndRefreshesOnce() {
    f.getNow("k", calm(60), constant("v1"));
    f.advanceSeconds(20);
    RecordingLoader refresh = RecordingLoader.holding();

    CacheResult<String> first = now("k", panic(), MAX_STALE_30S, refresh);
    f.advanceSeconds(10);
    CacheResult<String> atTheBound = now("k", panic(), MAX_STALE_30S, refresh);

    assertThat(first.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(first.value()).isEqualTo("v1");
    assertThat(first.stale()).isTrue();
    assertThat(first.ageMillis()).isEqualTo(20_000);
    assertThat(first.decision().ttlSeconds()).isZero();
    assertThat(first.decision().status()).isEqualTo(Status.PANIC);
    assertThat(atTheBound.strategy()).isEqualTo(Strategy.SERVE_STALE);
    assertThat(atTheBound.ageMillis()).isEqualTo(30_000);
    assertThat(refresh.calls()).containsExactly("reload k v1");
    refresh.completeLast("v2");
    assertThat(f.cache.store().get("k").value()).isEqualTo("v2");
  }

  @Test
  void maxStaleInAPanicReloadsAnOlderValue() {
    f.getNow("k", calm(60), constant("v1"));
    f.advanceSeconds(31);
    RecordingLoader loader = RecordingLoader.returning("v2");

    CacheResult<String> result = now("k", panic(), MAX_STALE_30S, loader);

    assertThat(result.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(result.value()).isEqualTo("v2");
    assertThat(result.stale()).isFalse();
    assertThat(loader.calls()).containsExactly("reload k v1");
  }

  @Test
  void withoutMaxStaleOrWithNoCacheAPanicBypasses() {
    f.getNow("k", calm(60), constant("v1"));
    f.advanceSeconds(5);
    RecordingLoader loader = RecordingLoader.returning("v2");

    CacheResult<String> plain = f.getNow("k", panic(), loader);
    CacheResult<String> noCache = now("k", panic(),
        new ReadOptions(Duration.ofSeconds(30), Duration.ZERO, true), loader);

    assertThat(plain.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(plain.value()).isEqualTo("v2");
    assertThat(noCache.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(loader.calls()).hasSize(2);
  }

  @Test
  void maxStaleInAPanicNeverServesARevalidateValue() {
    f.getNow("k", calm(60), constant("must-revalidate"));
    f.advanceSeconds(20);
    RecordingLoader loader = RecordingLoader.returning("v2");

    CacheResult<String> result = now("k", panic(), MAX_STALE_30S, loader);

    assertThat(result.strategy()).isEqualTo(Strategy.BYPASS);
    assertThat(result.value()).isEqualTo("v2");
    assertThat(loader.calls()).containsExactly("reload k must-revalidate");
  }

  /** A sync loader numbering its values ({@code prefix + n}) and recording its calls. */
  private static final class SyncLoader implements Loader<String> {
    final List<String> calls = new ArrayList<>();
    private final String prefix;
    private final Predicate<String> refuse;

    SyncLoader(String prefix, Predicate<String> refuse) {
      this.prefix = prefix;
      this.refuse = refuse;
    }

    @Override
    public synchronized String load(String key) {
      calls.add("load " + key);
      return prefix + calls.size();
    }

    @Override
    public synchronized String reload(String key, String oldValue) {
      calls.add("reload " + key + " " + oldValue);
      return prefix + calls.size();
    }

    @Override
    public boolean accepts(String stored) {
      return !refuse.test(stored);
    }
  }

  /** Another process holds every key's lease (and never releases it). */
  private static final class HeldElsewhere implements LoadLease {
    @Override
    public boolean tryAcquire(String key, Duration leaseTime) {
      return false;
    }

    @Override
    public void release(String key) {}
  }
}
