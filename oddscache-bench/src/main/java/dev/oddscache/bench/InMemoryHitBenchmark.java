package dev.oddscache.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.Loader;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.OddsCacheConfig;
import dev.oddscache.cache.Strategy;
import dev.oddscache.stats.CacheStats;
import dev.oddscache.stats.Quantiles;
import dev.oddscache.store.memory.InMemoryStore;
import dev.oddscache.store.memory.InMemoryStoreConfig;
import dev.oddscache.zone.ZoneConfig;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fresh in-memory hit through {@link OddsCache#get} against two anchors on the same keys and
 * the same 2 threads, side by side in one run: the ratios BENCHMARKS.md sets targets for.
 *
 * <ul>
 *   <li>{@code oddsCacheGet}: {@code OddsCache.get} with the default configuration, paying for
 *       everything a hit does: the decision (status, breaker sample, panic clock, zone, stakes,
 *       quota), the store read, the result and the stats (counters, served age, latency).
 *   <li>{@code caffeineGetIfPresent}: a raw Caffeine {@code getIfPresent}, the floor: no
 *       freshness, no stats, no timing.
 *   <li>{@code assemblyGet}: the feature-equivalent {@link CaffeineAssembly} a Java team would
 *       write instead: Caffeine with {@code expireAfter(Expiry)} (each entry fresh for the TTL
 *       oddscache's default zones give these keys, {@link ZoneConfig#DEFAULT_STANDARD_TTL}) and
 *       {@code recordStats()}, and every call timed with {@code System.nanoTime()} into a
 *       Micrometer {@code Timer} with a Prometheus histogram, loading on a miss with the same
 *       loader as the oddscache side.
 * </ul>
 *
 * <p>Every side is loaded once per trial and checked after each iteration: a run that measured
 * anything but fresh hits fails.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(2)
public class InMemoryHitBenchmark {

  @State(Scope.Benchmark)
  public static class Caches {
    final Workload workload = new Workload();
    final Loader<String> loader = Workload::value;
    OddsCache<String> oddsCache;
    Cache<String, String> caffeine;
    CaffeineAssembly assembly;
    long computesBefore;

    /**
     * {@code OddsCacheConfig.quantiles}: histogram (the default meters), summary (Micrometer's
     * client-side quantiles, the default before histograms) or none, to show what they cost.
     */
    @Param({"histogram"})
    public String quantiles;

    @Setup(Level.Trial)
    public void build() {
      oddsCache = OddsCache.<String>builder()
          .config(OddsCacheConfig.custom()
              .quantiles(Quantiles.valueOf(quantiles.toUpperCase(Locale.ROOT))).build())
          .build();
      caffeine = Caffeine.newBuilder().maximumSize(100_000).build();
      for (String key : workload.keys) {
        caffeine.put(key, Workload.value(key));
      }
      assembly = new CaffeineAssembly(loader, ZoneConfig.DEFAULT_STANDARD_TTL,
          InMemoryStoreConfig.DEFAULT_MAXIMUM_SIZE);
    }

    /**
     * Loads every key once per trial. Entries are in zone STANDARD (TTL 300 s), far longer than a
     * fork runs, so every measured read is a fresh hit; reloading per iteration would leave
     * thousands of removals and additions to Caffeine's maintenance inside the measurement.
     */
    @Setup(Level.Trial)
    public void fill() {
      for (int i = 0; i < Workload.KEYS; i++) {
        CacheResult<String> r = oddsCache.get(workload.keys[i], workload.contexts[i], loader);
        if (r.strategy() != Strategy.COMPUTE) {
          throw new IllegalStateException("expected a load of a new key, got " + r.strategy());
        }
      }
      computesBefore = oddsCache.stats().requestsWithStrategy(Strategy.COMPUTE);
      for (String key : workload.keys) {
        assembly.get(key);
      }
      // Settle Caffeine's write buffers before measuring.
      ((InMemoryStore<String>) oddsCache.store()).cleanUp();
      assembly.cleanUp();
    }

    /** A benchmark that measured anything but fresh hits would be wrong: fail it loudly. */
    @TearDown(Level.Iteration)
    public void check() {
      CacheStats s = oddsCache.stats();
      if (s.requestsWithStrategy(Strategy.COMPUTE) != computesBefore
          || s.requestsWithStrategy(Strategy.SERVE_STALE) != 0
          || s.requestsWithStrategy(Strategy.BYPASS) != 0) {
        throw new IllegalStateException("not only fresh hits were measured: " + s.toMap());
      }
      var a = assembly.stats();
      if (a.missCount() != Workload.KEYS || a.evictionCount() != 0) {
        throw new IllegalStateException("the assembly measured not only fresh hits: " + a);
      }
      if (assembly.timedCalls() != a.requestCount()) {
        throw new IllegalStateException("the assembly timed " + assembly.timedCalls()
            + " calls of " + a.requestCount());
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      oddsCache.close();
      // The anchor must be what it claims: a histogram Prometheus can aggregate, with hit stats.
      String metrics = assembly.scrape();
      assembly.close();
      for (String series : new String[] {"odds_request_duration_seconds_bucket{le=",
          "cache_gets_total{cache=\"odds\",result=\"hit\"}"}) {
        if (!metrics.contains(series)) {
          throw new IllegalStateException("the assembly's /metrics lacks " + series);
        }
      }
    }
  }

  @Benchmark
  public Object oddsCacheGet(Caches c, KeyCursor cursor) {
    int i = cursor.advance();
    return c.oddsCache.get(c.workload.keys[i], c.workload.contexts[i], c.loader).value();
  }

  @Benchmark
  public Object caffeineGetIfPresent(Caches c, KeyCursor cursor) {
    int i = cursor.advance();
    return c.caffeine.getIfPresent(c.workload.keys[i]);
  }

  @Benchmark
  public Object assemblyGet(Caches c, KeyCursor cursor) {
    return c.assembly.get(c.workload.keys[cursor.advance()]);
  }
}
