package dev.oddscache.bench;

import dev.oddscache.cache.CacheResult;
import dev.oddscache.cache.Loader;
import dev.oddscache.cache.OddsCache;
import dev.oddscache.cache.Strategy;
import dev.oddscache.redis.RedisConnector;
import dev.oddscache.redis.RedisSettings;
import dev.oddscache.redis.store.RedisStore;
import dev.oddscache.redis.store.ValueCodec;
import dev.oddscache.stats.CacheStats;
import dev.oddscache.stats.ErrorKind;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A fresh hit through {@link OddsCache} on a {@link RedisStore} against a raw Lettuce
 * {@code GET} of the same Redis keys (the same blobs), on the same kind of connection: one
 * shared connection with the store's codec, client resources and 50 ms command timeout, awaited
 * the way {@code RedisConnector} awaits (a bounded {@code CompletableFuture.get}). 2 threads, one
 * real redis-server (see {@link RedisServer}). The target is at least 0.8x the raw throughput: a
 * hit is one round trip either way.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(2)
public class RedisHitBenchmark {
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final long TIMEOUT_NANOS = RedisSettings.DEFAULT_COMMAND_TIMEOUT.toNanos();

  @State(Scope.Benchmark)
  public static class Redis {
    final Workload workload = new Workload();
    final Loader<String> loader = Workload::value;
    RedisServer server;
    RedisConnector connector;
    OddsCache<String> oddsCache;
    ClientResources resources;
    RedisClient client;
    StatefulRedisConnection<String, byte[]> connection;
    RedisAsyncCommands<String, byte[]> raw;
    String[] redisKeys;
    long computesBefore;
    long storeErrorsBefore;
    final AtomicLong rawTimeouts = new AtomicLong();

    @Setup(Level.Trial)
    public void start() {
      server = RedisServer.start();
      connector = RedisConnector.open(RedisSettings.custom().uri(server.uri()).build());
      oddsCache = OddsCache.<String>builder()
          .store(new RedisStore<>(connector, ValueCodec.utf8String()))
          .build();
      // The raw side: what RedisConnector builds for a standalone URI, minus oddscache.
      resources = DefaultClientResources.builder()
          .ioThreadPoolSize(2)
          .computationThreadPoolSize(2)
          .build();
      client = RedisClient.create(resources);
      client.setOptions(ClientOptions.builder()
          .timeoutOptions(TimeoutOptions.enabled(RedisSettings.DEFAULT_COMMAND_TIMEOUT))
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .build());
      connection = client.connect(CODEC, RedisURI.create(server.uri()));
      raw = connection.async();
    }

    /** Stores every key again, so each read of the iteration is a fresh hit. */
    @Setup(Level.Iteration)
    public void refill() throws Exception {
      oddsCache.invalidateAll();
      for (int i = 0; i < Workload.KEYS; i++) {
        CacheResult<String> r = oddsCache.get(workload.keys[i], workload.contexts[i], loader);
        if (r.strategy() != Strategy.COMPUTE) {
          throw new IllegalStateException(
              "expected a load after invalidateAll, got " + r.strategy());
        }
      }
      // A store write can time out (50 ms) on a loaded machine, leaving its key out of Redis:
      // read the missing ones again (a miss loads and stores them) until every key is there.
      List<String> keys = valueKeys();
      for (int pass = 0; keys.size() < Workload.KEYS && pass < 5; pass++) {
        for (int i = 0; i < Workload.KEYS; i++) {
          oddsCache.get(workload.keys[i], workload.contexts[i], loader);
        }
        keys = valueKeys();
      }
      if (keys.size() != Workload.KEYS) {
        throw new IllegalStateException(
            "expected " + Workload.KEYS + " value keys, found " + keys.size());
      }
      // The raw side reads the very keys, and so the very blobs, the store wrote.
      redisKeys = keys.toArray(new String[0]);
      computesBefore = oddsCache.stats().requestsWithStrategy(Strategy.COMPUTE);
      storeErrorsBefore = oddsCache.stats().errors(ErrorKind.STORE);
    }

    private List<String> valueKeys() throws Exception {
      List<String> keys = new ArrayList<>();
      for (Object k : raw.keys(RedisSettings.DEFAULT_PREFIX + ":v:*").get(5, TimeUnit.SECONDS)) {
        keys.add((String) k);
      }
      return keys;
    }

    /**
     * Every request of the iteration must be a fresh hit, except those whose GET timed out
     * (50 ms, on a loaded machine), which the cache turns into a miss and a load: those are
     * counted as store errors, and reported.
     */
    @TearDown(Level.Iteration)
    public void check() {
      CacheStats s = oddsCache.stats();
      long computes = s.requestsWithStrategy(Strategy.COMPUTE) - computesBefore;
      long storeErrors = s.errors(ErrorKind.STORE) - storeErrorsBefore;
      if (computes > storeErrors || s.requestsWithStrategy(Strategy.SERVE_STALE) != 0
          || s.requestsWithStrategy(Strategy.BYPASS) != 0) {
        throw new IllegalStateException("not only fresh hits were measured: " + s.toMap());
      }
      if (storeErrors > 0) {
        System.out.println("note: " + storeErrors
            + " Redis reads failed or timed out this iteration and were served by a load");
      }
      long timeouts = rawTimeouts.getAndSet(0);
      if (timeouts > 0) {
        System.out.println("note: " + timeouts + " raw Lettuce GETs took longer than 50 ms this"
            + " iteration (counted as operations, like the cache's misses)");
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown();
      oddsCache.close();
      connector.close();
      server.close();
    }
  }

  @Benchmark
  public Object oddsCacheGet(Redis r, KeyCursor cursor) {
    int i = cursor.advance();
    return r.oddsCache.get(r.workload.keys[i], r.workload.contexts[i], r.loader).value();
  }

  @Benchmark
  public Object lettuceGet(Redis r, KeyCursor cursor) throws Exception {
    CompletableFuture<byte[]> get = r.raw.get(r.redisKeys[cursor.advance()]).toCompletableFuture();
    try {
      return get.get(TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // RedisConnector gives up after the same 50 ms (and the cache then loads): so does this
      // side, instead of failing the whole benchmark on a loaded machine.
      get.cancel(false);
      r.rawTimeouts.incrementAndGet();
      return null;
    }
  }
}
